//! A person's channel preferences, kept as JSON on their row.

use amocrm_notify_protocol::api::{Event, Preferences};

use super::Store;

impl Store {
    /// The person's preferences; the defaults until they set some.
    pub async fn preferences(&self, user_id: i64) -> sqlx::Result<Preferences> {
        let text: String = sqlx::query_scalar("SELECT preferences FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(serde_json::from_str(&text).unwrap_or_default())
    }

    /// Replaces the person's preferences and announces them on their stream.
    pub async fn set_preferences(
        &self,
        user_id: i64,
        preferences: &Preferences,
    ) -> sqlx::Result<i64> {
        let mut change = self.begin_change(user_id).await?;
        sqlx::query("UPDATE users SET preferences = $1 WHERE id = $2")
            .bind(serde_json::to_string(preferences).expect("preferences always serialize"))
            .bind(user_id)
            .execute(&mut *change.tx)
            .await?;
        change
            .record(&Event::Preferences {
                preferences: preferences.clone(),
            })
            .await
    }
}
