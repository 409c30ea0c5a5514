//! The email channel: one message per notification (or per digest window) to the person's address,
//! over SMTP with lettre (rustls, no OpenSSL), or kept by the server for the development mail page
//! when no SMTP server is configured.

use amocrm_notify_protocol::Record;
use lettre::message::{Mailbox, MultiPart};

use super::message::{compose, Site};
use super::smtp::{SendError, SmtpPool};
use super::Attempt;
use crate::db::{Db, KeptMail, Recipient};

pub(crate) enum Mailer {
    Smtp {
        pool: Box<SmtpPool>,
        from: Mailbox,
    },
    /// No SMTP server: the mail is kept in the database and shown on `/dev/mail`.
    Keep {
        from: Mailbox,
    },
}

impl Mailer {
    /// From `smtp://user:pass@host:port` (`smtps://` for TLS, `?tls=required` for STARTTLS), or
    /// none to keep the mail; at most `connections` open at once, and `rate` emails a second.
    pub(crate) fn new(
        url: Option<&str>,
        from: &str,
        connections: usize,
        rate: Option<f64>,
    ) -> anyhow::Result<Mailer> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("the sender {from:?} is not an address: {e}"))?;
        Ok(match url {
            Some(url) => Mailer::Smtp {
                pool: Box::new(SmtpPool::from_url(url, connections, rate)?),
                from,
            },
            None => Mailer::Keep { from },
        })
    }

    /// Sends one email about `records` (oldest first) to the person; `id` names it, so a repeat
    /// of the same email can be recognised by its Message-ID.
    pub(crate) async fn send(
        &self,
        db: &Db,
        user_id: i64,
        recipient: &Recipient,
        id: &str,
        records: &[Record],
    ) -> Attempt {
        let Some(address) = &recipient.email else {
            return Attempt::Refused("the person has no email address".into());
        };
        let Ok(to) = address.parse::<Mailbox>() else {
            return Attempt::Refused(format!("{address:?} is not an email address"));
        };
        let base_url = recipient
            .base_url
            .as_deref()
            .unwrap_or("")
            .trim_end_matches('/');
        let site = Site {
            base_url,
            account: &recipient.account,
            language: recipient.preferences.language.unwrap_or_default(),
            // A zone the database no longer has (it was checked when stored): UTC, said as such.
            zone: recipient
                .preferences
                .time_zone
                .as_deref()
                .and_then(|zone| jiff::tz::TimeZone::get(zone).ok())
                .unwrap_or(jiff::tz::TimeZone::UTC),
        };
        let message = compose(&site, records);
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Keep { from } => from.clone(),
        };
        let domain = from.email.domain().to_owned();
        let message_id = format!("<{id}@{domain}>");
        let email = lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(&message.subject)
            .message_id(Some(message_id.clone()))
            .multipart(MultiPart::alternative_plain_html(
                message.text,
                message.html.clone(),
            ));
        let email = match email {
            Ok(email) => email,
            Err(e) => return Attempt::Refused(format!("the email could not be built: {e}")),
        };
        match self {
            Mailer::Smtp { pool, .. } => {
                let envelope = email.envelope().clone();
                match pool.send(&envelope, &email.formatted()).await {
                    Ok(()) => Attempt::Sent,
                    Err(SendError::Smtp(e)) if e.is_permanent() => {
                        Attempt::Refused(smtp_reason(&e))
                    }
                    Err(SendError::Smtp(e)) => Attempt::Failed {
                        error: smtp_reason(&e),
                        retry_after_ms: None,
                    },
                    Err(SendError::Connect(why)) => Attempt::Failed {
                        error: format!("the mail server could not be reached: {why}"),
                        retry_after_ms: None,
                    },
                }
            }
            Mailer::Keep { .. } => {
                let kept = KeptMail {
                    id: 0,
                    message_id,
                    recipient: address.clone(),
                    subject: message.subject,
                    raw: String::from_utf8_lossy(&email.formatted()).into_owned(),
                    html: message.html,
                    at: 0,
                };
                match db.keep_mail(user_id, &kept).await {
                    Ok(()) => Attempt::Sent,
                    Err(e) => Attempt::Failed {
                        error: format!("the mail could not be kept: {e}"),
                        retry_after_ms: None,
                    },
                }
            }
        }
    }
}

/// The SMTP server's answer, for people: "mailbox unavailable (550)".
fn smtp_reason(error: &lettre::transport::smtp::Error) -> String {
    match error.status() {
        Some(code) => {
            let text = error.to_string();
            let detail = text.rsplit(':').next().unwrap_or(&text).trim().to_owned();
            format!("{detail} ({code})")
        }
        None => format!("the mail server could not be reached: {error}"),
    }
}
