//! Mail kept by the server when no SMTP server is configured, for the development mail page.

use super::{now_ms, Db};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct KeptMail {
    pub id: i64,
    pub message_id: String,
    pub recipient: String,
    pub subject: String,
    /// The whole message as it would have gone over SMTP (headers and both parts).
    pub raw: String,
    /// The HTML part, as a mail reader shows it.
    pub html: String,
    #[sqlx(rename = "created_at")]
    pub at: i64,
}

impl Db {
    pub async fn keep_mail(&self, user_id: i64, mail: &KeptMail) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO mail (user_id, message_id, recipient, subject, raw, html, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user_id)
        .bind(&mail.message_id)
        .bind(&mail.recipient)
        .bind(&mail.subject)
        .bind(&mail.raw)
        .bind(&mail.html)
        .bind(now_ms())
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// The kept mail, newest first.
    pub async fn kept_mail(&self, limit: i64) -> sqlx::Result<Vec<KeptMail>> {
        const NEWEST: &str = "SELECT id, message_id, recipient, subject, raw, html, created_at \
                              FROM mail ORDER BY id DESC LIMIT $1";
        sqlx::query_as(NEWEST)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
    }
}
