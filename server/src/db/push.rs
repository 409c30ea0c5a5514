//! Push subscriptions (one per device of a person) and the server's own settings, among them its
//! VAPID key pair, made on first start and kept so every process signs with the same key.

use super::{now_ms, Db};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Subscription {
    pub id: i64,
    pub user_id: i64,
    pub endpoint: String,
    /// The device's P-256 public key, base64url.
    pub p256dh: String,
    /// The device's auth secret, base64url.
    pub auth: String,
}

impl Db {
    /// Adds (or renews the keys of) a device's subscription.
    pub async fn subscribe(
        &self,
        user_id: i64,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth",
        )
        .bind(user_id)
        .bind(endpoint)
        .bind(p256dh)
        .bind(auth)
        .bind(now_ms())
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// Removes a person's subscription; whether there was one.
    pub async fn unsubscribe(&self, user_id: i64, endpoint: &str) -> sqlx::Result<bool> {
        let done =
            sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2")
                .bind(user_id)
                .bind(endpoint)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes a subscription the push service says is gone (404, 410).
    pub async fn drop_subscription(&self, id: i64) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    pub async fn subscription(&self, id: i64) -> sqlx::Result<Option<Subscription>> {
        sqlx::query_as(
            "SELECT id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
    }

    /// A setting of the server's own; the first process to set it wins, and every one reads that.
    pub async fn setting_or_insert(
        &self,
        name: &str,
        make: impl FnOnce() -> String,
    ) -> sqlx::Result<String> {
        sqlx::query("INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(make())
            .execute(&self.pool)
            .await?;
        sqlx::query_scalar("SELECT value FROM server_settings WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await
    }
}
