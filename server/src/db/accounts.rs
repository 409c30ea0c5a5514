//! Accounts (each with the secret its backend signs tokens with) and the people in them.

use super::{now_ms, Db};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub secret: String,
    pub base_url: Option<String>,
}

/// See [`Db::recipient`].
#[derive(Clone, Debug, PartialEq)]
pub struct Recipient {
    pub email: Option<String>,
    pub preferences: amocrm_notify_protocol::http_api::Preferences,
    pub account: String,
    pub base_url: Option<String>,
    pub name: String,
}

/// A row of [`Db::recipient`]'s query; the preferences are JSON.
#[derive(sqlx::FromRow)]
struct RecipientRow {
    email: Option<String>,
    preferences: String,
    account: String,
    base_url: Option<String>,
    name: String,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub email: Option<String>,
}

impl Db {
    /// Adds an account; fails when the name is taken.
    pub async fn add_account(
        &self,
        name: &str,
        secret: &str,
        base_url: Option<&str>,
    ) -> sqlx::Result<Account> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (name, secret, base_url, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(secret)
        .bind(base_url)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(Account {
            id,
            name: name.into(),
            secret: secret.into(),
            base_url: base_url.map(Into::into),
        })
    }

    pub async fn account(&self, name: &str) -> sqlx::Result<Option<Account>> {
        sqlx::query_as("SELECT id, name, secret, base_url FROM accounts WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await
    }

    pub async fn accounts(&self) -> sqlx::Result<Vec<Account>> {
        sqlx::query_as("SELECT id, name, secret, base_url FROM accounts ORDER BY id")
            .fetch_all(&self.pool)
            .await
    }

    /// The person `name` of the account, added on first sight: a valid token signed by the
    /// account's backend is what vouches for a person.
    pub async fn user(&self, account_id: i64, name: &str) -> sqlx::Result<User> {
        if let Some(user) = self.find_user(account_id, name).await? {
            return Ok(user);
        }
        sqlx::query(
            "INSERT INTO users (account_id, name, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id, name) DO NOTHING",
        )
        .bind(account_id)
        .bind(name)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        self.find_user(account_id, name)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    async fn find_user(&self, account_id: i64, name: &str) -> sqlx::Result<Option<User>> {
        sqlx::query_as(
            "SELECT id, account_id, name, email FROM users WHERE account_id = $1 AND name = $2",
        )
        .bind(account_id)
        .bind(name)
        .fetch_optional(&self.pool)
        .await
    }

    /// Where the person's email goes and how it reads: their address, their account's name and
    /// address (for absolute links), and their preferences.
    pub async fn recipient(&self, user_id: i64) -> sqlx::Result<Recipient> {
        let row: RecipientRow = sqlx::query_as(
            "SELECT u.email, u.preferences, a.name AS account, a.base_url, u.name FROM users u \
             JOIN accounts a ON a.id = u.account_id WHERE u.id = $1",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(Recipient {
            email: row.email,
            preferences: serde_json::from_str(&row.preferences).unwrap_or_default(),
            account: row.account,
            base_url: row.base_url,
            name: row.name,
        })
    }

    /// Sets (or clears) the address the person's email goes to.
    pub async fn set_email(&self, user_id: i64, email: Option<&str>) -> sqlx::Result<()> {
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(email)
            .bind(user_id)
            .execute(&self.pool)
            .await
            .map(drop)
    }
}
