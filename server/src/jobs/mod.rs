//! The delivery worker: every server process runs one. It claims due jobs (PostgreSQL: `FOR UPDATE
//! SKIP LOCKED`, so processes share the queue without waiting on each other), sends each on its
//! channel, and records the outcome: sent; retried with exponential backoff and jitter (8 attempts
//! over about half an hour, never sooner than a `Retry-After`); or a dead letter when the refusal is
//! permanent (SMTP 5xx, a device gone) or the attempts run out. Each outcome that settles an entry
//! is an event on the person's stream, so their center shows "emailed 10:42" or "email failed".
//!
//! A process killed between sending and recording leaves its job `sending`; when the lease runs out
//! another process claims it and sends it again. That window is the only way a delivery repeats.

mod email;
mod message;
mod push;
mod smtp;

use std::sync::Arc;
use std::time::Duration;

use amocrm_notify_protocol::http_api::Channel;
use amocrm_notify_protocol::record::entry_order;
use tokio::sync::Notify;

pub(crate) use email::Mailer;
pub(crate) use push::Pusher;

use crate::db::{now_ms, Db, Finished, Job, Outcome};
use crate::metrics::Metrics;
use crate::stream::Hub;

/// Jobs claimed at a time; a batch is sent concurrently (emails over up to
/// `--smtp-max-connections` connections), one person's emails in order.
const BATCH: i64 = 64;
/// The longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 15 * 60_000;

/// An attempt at some of a person's jobs: the first job (whose attempt count decides retries), every
/// job it covered, and how it went.
type Tried = (Job, Vec<i64>, Attempt);

/// How one attempt went, as a channel reports it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Attempt {
    Sent,
    /// Worth trying again (the server was busy or down).
    Failed {
        error: String,
        retry_after_ms: Option<u64>,
    },
    /// Final: sending again cannot help.
    Refused(String),
}

/// The retry policy.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Retries {
    /// The first retry's wait; each next one doubles it.
    pub base_ms: i64,
    /// Attempts in all before a job becomes a dead letter.
    pub max_attempts: u32,
    /// How long a claimed job is its process's before another may take it (a process that died
    /// while sending leaves its jobs to be taken again after this).
    pub lease_ms: i64,
}

impl Default for Retries {
    fn default() -> Self {
        // 15 s, 30 s, 1, 2, 4, 8, 15 min: 8 attempts over about 31 minutes.
        Retries {
            base_ms: 15_000,
            max_attempts: 8,
            lease_ms: 60_000,
        }
    }
}

pub(crate) struct Worker {
    pub db: Db,
    pub hub: Hub,
    pub mailer: Mailer,
    pub pusher: Pusher,
    pub retries: Retries,
    /// Rung when a notification is accepted: there may be work.
    pub wake: Arc<Notify>,
    /// This process's counters: what it sent, by channel.
    pub metrics: Arc<Metrics>,
}

impl Worker {
    /// Works the queue until the process ends.
    pub(crate) async fn run(self: Arc<Self>) {
        loop {
            match self.db.claim(BATCH, self.retries.lease_ms).await {
                Ok(jobs) if !jobs.is_empty() => {
                    self.work(jobs).await;
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "claiming delivery jobs failed"),
            }
            // Other processes' jobs, retries and digest windows come due on their own.
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(Duration::from_millis(500)) => {}
            }
        }
    }

    /// Works a claimed batch, all at once: each push on its own; emails by person (in order for
    /// each), so that a digest gathers every email of the person that is claimed or waiting into one.
    /// The outcomes are recorded together, in one transaction.
    async fn work(&self, jobs: Vec<Job>) {
        let (emails, pushes): (Vec<Job>, Vec<Job>) = jobs
            .into_iter()
            .partition(|job| job.channel == Channel::Email);
        let mut people: Vec<(i64, Vec<Job>)> = Vec::new();
        for job in emails {
            match people.iter_mut().find(|(user, _)| *user == job.user_id) {
                Some((_, jobs)) => jobs.push(job),
                None => people.push((job.user_id, vec![job])),
            }
        }
        let emails = people
            .into_iter()
            .map(|(user_id, jobs)| self.emails(user_id, jobs));
        let pushes = pushes.into_iter().map(|job| async move {
            let attempt = self.push(&job).await;
            let ids = vec![job.id];
            vec![(job, ids, attempt)]
        });
        let (emails, pushes) = futures_util::future::join(
            futures_util::future::join_all(emails),
            futures_util::future::join_all(pushes),
        )
        .await;
        let attempts: Vec<Tried> = emails.into_iter().chain(pushes).flatten().collect();
        self.settle(&attempts).await;
    }

    /// Records the outcomes of a batch's attempts, and wakes the streams of the people concerned.
    async fn settle(&self, attempts: &[Tried]) {
        let finished: Vec<Finished> = attempts
            .iter()
            .map(|(first, jobs, attempt)| {
                let outcome = self.outcome(attempt, first.attempts);
                match &outcome {
                    Outcome::Sent => {
                        tracing::debug!(job = first.id, channel = ?first.channel, jobs = jobs.len(), "delivered")
                    }
                    Outcome::Retry { error, .. } => {
                        tracing::warn!(job = first.id, channel = ?first.channel, attempts = first.attempts, error, "delivery failed; will retry")
                    }
                    Outcome::Dead { error } => {
                        tracing::warn!(job = first.id, channel = ?first.channel, attempts = first.attempts, error, "delivery failed for good: a dead letter")
                    }
                }
                Finished {
                    user_id: first.user_id,
                    jobs: jobs.clone(),
                    outcome,
                }
            })
            .collect();
        let sent = finished
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Sent))
            .count();
        match self.db.finish_all(&finished).await {
            Ok(announced) => {
                tracing::info!(attempts = finished.len(), sent, "batch delivered");
                for ((first, _, _), done) in attempts.iter().zip(&finished) {
                    if matches!(done.outcome, Outcome::Sent) {
                        Metrics::add(match first.channel {
                            Channel::Email => &self.metrics.emails_sent,
                            Channel::Push => &self.metrics.pushes_sent,
                        });
                    }
                }
                for user_id in announced {
                    self.hub.wake(user_id);
                }
            }
            Err(error) => {
                tracing::error!(%error, attempts = finished.len(), "recording a batch's deliveries failed; their leases will run out and they are sent again")
            }
        }
    }

    /// Sends the person's claimed emails: each on its own, or with a digest all in one, with every
    /// other email of theirs still waiting.
    async fn emails(&self, user_id: i64, claimed: Vec<Job>) -> Vec<Tried> {
        let recipient = match self.db.recipient(user_id).await {
            Ok(recipient) => recipient,
            Err(e) => {
                return claimed
                    .into_iter()
                    .map(|job| {
                        let ids = vec![job.id];
                        (job, ids, failed(&e))
                    })
                    .collect();
            }
        };
        if recipient.preferences.digest_minutes == 0 {
            let mut tried = Vec::with_capacity(claimed.len());
            for job in claimed {
                let attempt = self
                    .email(&recipient, user_id, &[(job.id, job.entry_id.clone())])
                    .await;
                let ids = vec![job.id];
                tried.push((job, ids, attempt));
            }
            return tried;
        }
        let first = claimed[0].clone();
        let mut jobs: Vec<(i64, String)> =
            claimed.iter().map(|j| (j.id, j.entry_id.clone())).collect();
        let due_by = (recipient.preferences.email_unread_minutes > 0).then(now_ms);
        match self
            .db
            .gather_emails(user_id, self.retries.lease_ms, due_by)
            .await
        {
            Ok(more) => jobs.extend(more),
            Err(e) => {
                let ids = jobs.iter().map(|j| j.0).collect();
                return vec![(first, ids, failed(e))];
            }
        }
        jobs.sort();
        let attempt = self.email(&recipient, user_id, &jobs).await;
        vec![(first, jobs.iter().map(|j| j.0).collect(), attempt)]
    }

    /// One email about the entries of `jobs` (`(job id, entry id)`, oldest job first).
    async fn email(
        &self,
        recipient: &crate::db::Recipient,
        user_id: i64,
        jobs: &[(i64, String)],
    ) -> Attempt {
        let mut records = Vec::with_capacity(jobs.len());
        for (_, entry_id) in jobs {
            match self.db.entry(user_id, entry_id).await {
                Ok(Some(record)) => records.push(record),
                Ok(None) => {}
                Err(e) => return failed(e),
            }
        }
        // The center's order, oldest first: "s-10" after "s-9", as the person's center has them.
        records.sort_by(|a, b| entry_order((a.date, &a.id), (b.date, &b.id)));
        // The Message-ID names what the email is about, so a repeat is recognisable.
        let id = match jobs {
            [(_, entry)] => format!("{}.{user_id}.email", message_id_part(entry)),
            [(first, _), ..] => format!("digest-{first}.{user_id}.email"),
            [] => return Attempt::Refused("nothing to send".into()),
        };
        if records.is_empty() {
            return Attempt::Refused("the notification is no longer stored".into());
        }
        self.mailer
            .send(&self.db, user_id, recipient, &id, &records)
            .await
    }

    async fn push(&self, job: &Job) -> Attempt {
        let Some(subscription_id) = job.subscription else {
            return Attempt::Refused("no device".into());
        };
        let subscription = match self.db.subscription(subscription_id).await {
            Ok(Some(subscription)) => subscription,
            Ok(None) => return Attempt::Refused("the device is no longer subscribed".into()),
            Err(e) => return failed(e),
        };
        match self.db.entry(job.user_id, &job.entry_id).await {
            Ok(Some(record)) => self.pusher.send(&self.db, &subscription, &record).await,
            Ok(None) => Attempt::Refused("the notification is no longer stored".into()),
            Err(e) => failed(e),
        }
    }

    fn outcome(&self, attempt: &Attempt, attempts: u32) -> Outcome {
        match attempt {
            Attempt::Sent => Outcome::Sent,
            Attempt::Refused(error) => Outcome::Dead {
                error: error.clone(),
            },
            Attempt::Failed { error, .. } if attempts >= self.retries.max_attempts => {
                Outcome::Dead {
                    error: format!("{error} (after {attempts} attempts)"),
                }
            }
            Attempt::Failed {
                error,
                retry_after_ms,
            } => {
                let wait = backoff(self.retries.base_ms, attempts)
                    .max(retry_after_ms.map_or(0, |ms| ms as i64));
                Outcome::Retry {
                    at: now_ms() + wait,
                    error: error.clone(),
                }
            }
        }
    }
}

/// The wait before retry number `attempts`: the base doubled each time, ±20% jitter so that jobs
/// failed together do not retry together, at most 15 minutes.
fn backoff(base_ms: i64, attempts: u32) -> i64 {
    let exact = base_ms.saturating_mul(1 << attempts.saturating_sub(1).min(20));
    let jitter = 0.8 + 0.4 * rand::random::<f64>();
    ((exact as f64 * jitter) as i64).min(MAX_BACKOFF_MS)
}

fn failed(error: impl std::fmt::Display) -> Attempt {
    Attempt::Failed {
        error: error.to_string(),
        retry_after_ms: None,
    }
}

/// A notification id as a Message-ID's left part: letters, digits and `-` as they are, every other
/// byte as `=XX` (its hex). An encoding, not a squeeze: two ids never share a Message-ID ("odd id
/// 1" and "odd_id_1" stay apart), and the same id always gets the same one. `=` is itself
/// encoded, and every character used is allowed in a dot-atom (RFC 5322).
fn message_id_part(id: &str) -> String {
    let mut part = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' {
            part.push(byte as char);
        } else {
            part.push_str(&format!("={byte:02X}"));
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_unique_for_ids_built_to_collide() {
        assert_eq!(message_id_part("odd id 1"), "odd=20id=201");
        assert_eq!(message_id_part("odd_id_1"), "odd=5Fid=5F1");
        let mut seen = std::collections::HashSet::new();
        let mut reached = 0;
        for n in 0..1000 {
            // Pairs that the old squeeze made one: a space, an underscore, a dot, an equals sign
            // and accented letters in the same place.
            let id = match n % 5 {
                0 => format!("odd id {}", n / 5),
                1 => format!("odd_id_{}", n / 5),
                2 => format!("odd.id.{}", n / 5),
                3 => format!("odd=id={}", n / 5),
                _ => format!("oddü{}ñ", n / 5),
            };
            let part = message_id_part(&id);
            assert!(
                part.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-=".contains(c)),
                "{part}"
            );
            assert!(seen.insert(part), "{id} collides");
            reached += 1;
        }
        assert_eq!(reached, 1000);
        assert_eq!(message_id_part("a-1"), message_id_part("a-1"), "stable");
    }

    #[test]
    fn backoff_doubles_with_jitter_and_stops_at_fifteen_minutes() {
        for attempts in 1..=8 {
            let wait = backoff(15_000, attempts);
            let exact = (15_000i64 << (attempts - 1)).min(MAX_BACKOFF_MS);
            assert!(
                wait >= (exact as f64 * 0.8) as i64 - 1
                    && wait <= MAX_BACKOFF_MS.max((exact as f64 * 1.2) as i64),
                "{attempts}: {wait}"
            );
        }
        let total: i64 = (1..8)
            .map(|n| (15_000i64 << (n - 1)).min(MAX_BACKOFF_MS))
            .sum();
        assert!(
            (25 * 60_000..40 * 60_000).contains(&total),
            "8 attempts span about half an hour: {total}"
        );
    }
}
