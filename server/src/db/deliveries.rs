//! Delivery jobs: one per notification and channel (per device for push), written in the same
//! transaction that accepts the notification, and claimed by any server process. On PostgreSQL
//! processes claim with `FOR UPDATE SKIP LOCKED`, so none waits on another's jobs and none takes
//! the same job; a job whose process died while sending is claimed again when its lease runs out.

use amocrm_notify_protocol::http_api::{
    Channel, ChannelStatus, DeadLetter, DeliveryState, Preferences,
};
use amocrm_notify_protocol::Record;
use sqlx::{Any, Transaction};

use super::{id_list, now_ms, Backend, Db};

/// A claimed job.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub user_id: i64,
    pub entry_id: String,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    /// Push: the device's subscription.
    pub subscription: Option<i64>,
    /// Attempts so far, this one included.
    #[sqlx(try_from = "i64")]
    pub attempts: u32,
}

/// A job of an entry, for its status on a channel.
#[derive(Clone, Debug, sqlx::FromRow)]
struct JobState {
    entry_id: String,
    #[sqlx(try_from = "String")]
    channel: Channel,
    state: String,
    done_at: Option<i64>,
    last_error: Option<String>,
}

/// A row of [`Db::dead_letters`].
#[derive(sqlx::FromRow)]
struct DeadLetterRow {
    id: i64,
    account: String,
    user_name: String,
    entry_id: String,
    #[sqlx(try_from = "String")]
    channel: Channel,
    #[sqlx(try_from = "i64")]
    attempts: u32,
    last_error: Option<String>,
    done_at: Option<i64>,
}

/// The claim, with the lock PostgreSQL takes on the rows it claims (none on SQLite: one process,
/// and SQLite runs one write at a time, so the UPDATE is the claim).
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, lease_until = $1 \
             WHERE id IN (SELECT id FROM deliveries \
               WHERE (state = 'queued' AND run_at <= $2) OR (state = 'sending' AND lease_until < $2) \
               ORDER BY run_at, id LIMIT $3",
            $lock,
            ") RETURNING id, user_id, entry_id, channel, subscription, attempts"
        )
    };
}

const FINISH: super::ListSql = list_sql!(
    "UPDATE deliveries SET state = $1, run_at = COALESCE($2, run_at), last_error = $3, \
     done_at = $4, lease_until = NULL WHERE id",
    "$5" as "BIGINT",
    " RETURNING entry_id, channel"
);

const SKIP_SEEN: super::ListSql = list_sql!(
    "UPDATE deliveries SET state = 'skipped', done_at = $2, lease_until = NULL \
     WHERE user_id = $1 AND channel = 'email' AND state = 'queued' AND entry_id",
    "$3" as "TEXT",
    " RETURNING entry_id"
);

const STATUSES: super::ListSql = list_sql!(
    "SELECT entry_id, channel, state, done_at, last_error FROM deliveries \
     WHERE user_id = $1 AND entry_id",
    "$2" as "TEXT",
    " ORDER BY entry_id, channel"
);

const REQUEUE: super::ListSql = list_sql!(
    "UPDATE deliveries SET state = 'queued', attempts = 0, run_at = $1, last_error = NULL \
     WHERE state = 'dead' AND id",
    "$2" as "BIGINT",
    ""
);

/// The person's preferences and address, as [`Db::enqueue`] reads them.
#[derive(sqlx::FromRow)]
struct Reach {
    preferences: String,
    email: Option<String>,
}

/// How one attempt ended, for [`Db::finish_all`]: the person's jobs it was about (one, or a
/// digest's), and the outcome.
#[derive(Clone, Debug)]
pub struct Finished {
    pub user_id: i64,
    pub jobs: Vec<i64>,
    pub outcome: Outcome,
}

/// How a job's attempt ended.
#[derive(Clone, Debug)]
pub enum Outcome {
    Sent,
    /// Try again at this time (milliseconds).
    Retry {
        at: i64,
        error: String,
    },
    /// Given up: a permanent refusal, or the last attempt failed.
    Dead {
        error: String,
    },
}

impl Db {
    /// Records the jobs the person's preferences ask for an accepted entry, inside its transaction.
    /// An email digest window that is open takes the new email (it goes out when the window closes);
    /// without one, a digest opens a window of `digest_ms`.
    /// Returns how many jobs it recorded.
    pub(super) async fn enqueue(
        tx: &mut Transaction<'static, Any>,
        user_id: i64,
        record: &Record,
        digest_unit_ms: i64,
    ) -> sqlx::Result<u64> {
        let mut jobs = 0;
        let reach: Reach = sqlx::query_as("SELECT preferences, email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut **tx)
            .await?;
        let preferences: Preferences = serde_json::from_str(&reach.preferences).unwrap_or_default();
        let email = reach.email;
        let is_call = record.kind == amocrm_notify_protocol::EntryKind::Call;
        let wants = |switch: amocrm_notify_protocol::http_api::KindSwitch| {
            if is_call {
                switch.calls
            } else {
                switch.errors
            }
        };
        let now = now_ms();
        if wants(preferences.email) && email.is_some() {
            // "Only if unread": the email waits that long, and is skipped if the entry is read or
            // removed meanwhile (skip_seen_emails).
            let due = now + i64::from(preferences.email_unread_minutes) * digest_unit_ms;
            let run_at = if preferences.digest_minutes == 0 {
                due
            } else {
                let open: Option<i64> = sqlx::query_scalar(
                    "SELECT MIN(run_at) FROM deliveries WHERE user_id = $1 AND channel = 'email' \
                     AND state = 'queued' AND run_at > $2",
                )
                .bind(user_id)
                .bind(now)
                .fetch_one(&mut **tx)
                .await?;
                open.unwrap_or(now + i64::from(preferences.digest_minutes) * digest_unit_ms)
                    .max(due)
            };
            jobs += sqlx::query(
                "INSERT INTO deliveries (user_id, entry_id, channel, state, run_at, created_at) \
                 VALUES ($1, $2, 'email', 'queued', $3, $4)",
            )
            .bind(user_id)
            .bind(&record.id)
            .bind(run_at)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        }
        if wants(preferences.push) {
            jobs += sqlx::query(
                "INSERT INTO deliveries (user_id, entry_id, channel, subscription, state, run_at, created_at) \
                 SELECT $1, $2, 'push', id, 'queued', $3, $3 FROM push_subscriptions WHERE user_id = $1",
            )
            .bind(user_id)
            .bind(&record.id)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        }
        Ok(jobs)
    }

    /// Claims up to `limit` jobs that are due (or whose lease ran out), for `lease_ms`.
    pub async fn claim(&self, limit: i64, lease_ms: i64) -> sqlx::Result<Vec<Job>> {
        let now = now_ms();
        // Look before taking the write lock: an idle queue costs a read, not a write.
        let due: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM deliveries WHERE (state = 'queued' AND run_at <= $1) \
             OR (state = 'sending' AND lease_until < $1) LIMIT 1",
        )
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if due.is_none() {
            return Ok(Vec::new());
        }
        let claim = match self.backend {
            Backend::Postgres => claim_sql!(" FOR UPDATE SKIP LOCKED"),
            Backend::Sqlite => claim_sql!(""),
        };
        sqlx::query_as(claim)
            .bind(now + lease_ms)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
    }

    /// Claims the rest of the person's queued emails for a digest, due or not: `(job, entry)`. With
    /// `due_by`, only those due by then (a person who emails only what stays unread: an email
    /// whose wait is not over stays for the next digest).
    pub async fn gather_emails(
        &self,
        user_id: i64,
        lease_ms: i64,
        due_by: Option<i64>,
    ) -> sqlx::Result<Vec<(i64, String)>> {
        let jobs: Vec<Job> = sqlx::query_as(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, lease_until = $1 \
             WHERE user_id = $2 AND channel = 'email' AND state = 'queued' AND run_at <= $3 \
             RETURNING id, user_id, entry_id, channel, subscription, attempts",
        )
        .bind(now_ms() + lease_ms)
        .bind(user_id)
        .bind(due_by.unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        Ok(jobs.into_iter().map(|job| (job.id, job.entry_id)).collect())
    }

    /// Records how the attempts of a worked batch ended, all in one transaction: each one's jobs
    /// (one email or push, or a digest's emails) get their outcome, and each entry's new status is
    /// an event on its person's stream. Returns the people whose streams have new events.
    ///
    /// One commit for the batch, not two per email: the outcomes of 64 jobs cost one durable write.
    /// People are taken in the order of their ids, so two processes finishing batches lock their
    /// rows in the same order and never wait on each other in a cycle.
    pub async fn finish_all(&self, finished: &[Finished]) -> sqlx::Result<Vec<i64>> {
        let now = now_ms();
        let mut order: Vec<&Finished> = finished.iter().filter(|f| !f.jobs.is_empty()).collect();
        order.sort_by_key(|f| f.user_id);
        let mut tx = self.pool.begin().await?;
        let mut announced = Vec::new();
        for done in order {
            let (state, run_at, error) = match &done.outcome {
                Outcome::Sent => ("sent", None, None),
                Outcome::Retry { at, error } => ("queued", Some(*at), Some(error.as_str())),
                Outcome::Dead { error } => ("dead", None, Some(error.as_str())),
            };
            let rows: Vec<EntryChannel> = sqlx::query_as(FINISH.on(self.backend))
                .bind(state)
                .bind(run_at)
                .bind(error)
                .bind(now)
                .bind(id_list(&done.jobs))
                .fetch_all(&mut *tx)
                .await?;
            if matches!(done.outcome, Outcome::Retry { .. }) {
                continue;
            }
            let mut entries: Vec<(String, Channel)> =
                rows.into_iter().map(|r| (r.entry_id, r.channel)).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries.dedup();
            for (entry_id, channel) in entries {
                let Some(status) = self
                    .status_in(&mut tx, done.user_id, &entry_id, channel)
                    .await?
                else {
                    continue;
                };
                let event = amocrm_notify_protocol::http_api::Event::Delivery {
                    id: entry_id,
                    status,
                };
                self.append_event(&mut tx, done.user_id, &event).await?;
                if announced.last() != Some(&done.user_id) {
                    announced.push(done.user_id);
                }
            }
        }
        tx.commit().await?;
        Ok(announced)
    }

    /// For a person who emails only what stays unread: the entries `ids` were read or removed, so
    /// their emails still waiting are skipped, and each entry's status ("read in the app, not
    /// emailed") is an event, inside the change's transaction. A digest's window takes only what
    /// is still unread when it closes. Nothing for a person without that choice.
    pub(super) async fn skip_seen_emails(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: i64,
        ids: &[String],
    ) -> sqlx::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let text: String = sqlx::query_scalar("SELECT preferences FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut **tx)
            .await?;
        let preferences: Preferences = serde_json::from_str(&text).unwrap_or_default();
        if preferences.email_unread_minutes == 0 {
            return Ok(());
        }
        let mut skipped: Vec<String> = sqlx::query_scalar(SKIP_SEEN.on(self.backend))
            .bind(user_id)
            .bind(now_ms())
            .bind(id_list(ids))
            .fetch_all(&mut **tx)
            .await?;
        skipped.sort();
        skipped.dedup();
        for entry_id in skipped {
            if let Some(status) = self
                .status_in(tx, user_id, &entry_id, Channel::Email)
                .await?
            {
                let event = amocrm_notify_protocol::http_api::Event::Delivery {
                    id: entry_id,
                    status,
                };
                self.append_event(tx, user_id, &event).await?;
            }
        }
        Ok(())
    }

    /// An entry's status on a channel, from its jobs: sent (to how many devices), or failed.
    async fn status_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: i64,
        entry_id: &str,
        channel: Channel,
    ) -> sqlx::Result<Option<ChannelStatus>> {
        let jobs: Vec<JobState> = sqlx::query_as(
            "SELECT entry_id, channel, state, done_at, last_error FROM deliveries \
             WHERE user_id = $1 AND entry_id = $2 AND channel = $3",
        )
        .bind(user_id)
        .bind(entry_id)
        .bind(channel.name())
        .fetch_all(&mut **tx)
        .await?;
        Ok(summarize(channel, &jobs))
    }

    /// The statuses of the person's entries `ids`, for the history.
    pub async fn statuses(
        &self,
        user_id: i64,
        ids: &[String],
    ) -> sqlx::Result<Vec<(String, ChannelStatus)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<JobState> = sqlx::query_as(STATUSES.on(self.backend))
            .bind(user_id)
            .bind(id_list(ids))
            .fetch_all(&self.pool)
            .await?;
        // Rows come grouped by entry and channel: one status from each group.
        let statuses = rows
            .chunk_by(|a, b| a.entry_id == b.entry_id && a.channel == b.channel)
            .filter_map(|jobs| {
                let first = &jobs[0];
                summarize(first.channel, jobs).map(|status| (first.entry_id.clone(), status))
            })
            .collect();
        Ok(statuses)
    }

    /// Dead letters, newest first.
    pub async fn dead_letters(&self, limit: i64) -> sqlx::Result<Vec<DeadLetter>> {
        let rows: Vec<DeadLetterRow> = sqlx::query_as(
            "SELECT d.id, a.name AS account, u.name AS user_name, d.entry_id, d.channel, \
             d.attempts, d.last_error, d.done_at \
             FROM deliveries d JOIN users u ON u.id = d.user_id JOIN accounts a ON a.id = u.account_id \
             WHERE d.state = 'dead' ORDER BY d.done_at DESC, d.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| DeadLetter {
                id: row.id,
                account: row.account,
                user: row.user_name,
                entry_id: row.entry_id,
                channel: row.channel,
                attempts: row.attempts,
                error: row.last_error.unwrap_or_default(),
                at: row.done_at.unwrap_or(0) as f64,
            })
            .collect())
    }

    /// Puts dead letters back in the queue, with their attempts reset: `ids`, or all of them.
    /// Returns how many.
    pub async fn requeue(&self, ids: Option<&[i64]>) -> sqlx::Result<u64> {
        let now = now_ms();
        let result = match ids {
            None => {
                sqlx::query(
                    "UPDATE deliveries SET state = 'queued', attempts = 0, run_at = $1, last_error = NULL \
                     WHERE state = 'dead'",
                )
                .bind(now)
                .execute(&self.pool)
                .await?
            }
            Some([]) => return Ok(0),
            Some(ids) => {
                sqlx::query(REQUEUE.on(self.backend))
                    .bind(now)
                    .bind(id_list(ids))
                    .execute(&self.pool)
                    .await?
            }
        };
        Ok(result.rows_affected())
    }
}

/// An entry whose job ended, and on which channel.
#[derive(sqlx::FromRow)]
struct EntryChannel {
    entry_id: String,
    #[sqlx(try_from = "String")]
    channel: Channel,
}

/// One status from a channel's jobs of an entry: sent when any was sent (with the devices
/// reached), failed when all that ended failed; none while any waits.
fn summarize(channel: Channel, jobs: &[JobState]) -> Option<ChannelStatus> {
    let sent: Vec<_> = jobs.iter().filter(|j| j.state == "sent").collect();
    if let Some(last) = sent.iter().filter_map(|j| j.done_at).max() {
        return Some(ChannelStatus {
            channel,
            state: DeliveryState::Sent,
            at: last as f64,
            devices: if channel == Channel::Push {
                sent.len() as u32
            } else {
                0
            },
            error: None,
        });
    }
    // Every job ended the same way without sending: skipped (read first), or dead.
    for (name, state) in [
        ("skipped", DeliveryState::Skipped),
        ("dead", DeliveryState::Failed),
    ] {
        if jobs.iter().all(|j| j.state == name) {
            let last = jobs.iter().max_by_key(|j| j.done_at)?;
            return Some(ChannelStatus {
                channel,
                state,
                at: last.done_at.unwrap_or(0) as f64,
                devices: 0,
                // A skipped email may keep an earlier attempt's error: not its story.
                error: (state == DeliveryState::Failed)
                    .then(|| last.last_error.clone())
                    .flatten(),
            });
        }
    }
    None
}
