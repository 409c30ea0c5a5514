//! A person's channel preferences, kept as JSON on their row.

use amocrm_notify_protocol::http_api::{Event, Language, Preferences};

use super::Db;

impl Db {
    /// The person's preferences; the defaults until they set some.
    pub async fn preferences(&self, user_id: i64) -> sqlx::Result<Preferences> {
        let text: String = sqlx::query_scalar("SELECT preferences FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(serde_json::from_str(&text).unwrap_or_default())
    }

    /// What the person's device says of them (its interface's language, its time zone), taken
    /// for what they have none of yet: stored and announced. Returns the preferences then in
    /// force, and whether they changed.
    pub async fn adopt(
        &self,
        user_id: i64,
        language: Option<Language>,
        time_zone: Option<&str>,
    ) -> sqlx::Result<(Preferences, bool)> {
        let mut preferences = self.preferences(user_id).await?;
        let mut changed = false;
        if let (None, Some(language)) = (preferences.language, language) {
            preferences.language = Some(language);
            changed = true;
        }
        if let (None, Some(zone)) = (&preferences.time_zone, time_zone) {
            preferences.time_zone = Some(zone.to_owned());
            changed = true;
        }
        if changed {
            self.set_preferences(user_id, &preferences).await?;
        }
        Ok((preferences, changed))
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
