//! A person's event stream, as stored: every change to their center is an event whose id only grows
//! for that person, written in the same transaction as the change itself.
//!
//! A change starts with [`Db::begin_change`], which takes the person's next event id by bumping
//! `users.last_event`. That write locks the person's row (PostgreSQL) or the database (SQLite) until
//! the commit, so one person's changes commit one after the other, in the order of their ids: a
//! reader that has seen event N can never later find an event below N appear.

use amocrm_notify_protocol::http_api::Event;
use sqlx::{Any, Transaction};

use super::{now_ms, Backend, Db, NOTIFY_CHANNEL};

/// A change to one person's center in progress: commit it with [`Change::record`], or drop it to
/// roll back.
pub(super) struct Change {
    pub(super) tx: Transaction<'static, Any>,
    pub(super) user_id: i64,
    pub(super) event_id: i64,
    backend: Backend,
}

/// One stored event: its id and its JSON.
#[derive(sqlx::FromRow)]
struct StoredEvent {
    id: i64,
    body: String,
}

/// Where a person's stream stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Position {
    /// The newest event's id (0 before the first).
    #[sqlx(rename = "last_event")]
    pub last: i64,
    /// Events up to this id were pruned.
    pub pruned_to: i64,
}

impl Db {
    pub(super) async fn begin_change(&self, user_id: i64) -> sqlx::Result<Change> {
        let mut tx = self.pool.begin().await?;
        let event_id = next_event_id(&mut tx, user_id).await?;
        Ok(Change {
            tx,
            user_id,
            event_id,
            backend: self.backend,
        })
    }

    /// Appends an event to the person's stream inside a transaction of several changes (the
    /// delivery worker's batch); it is theirs at the commit. Returns its id.
    pub(super) async fn append_event(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: i64,
        event: &Event,
    ) -> sqlx::Result<i64> {
        let event_id = next_event_id(tx, user_id).await?;
        insert_event(tx, self.backend, user_id, event_id, event).await?;
        Ok(event_id)
    }

    /// The person's events after `after`, oldest first, at most `limit`: `(id, JSON body)`.
    pub async fn events_after(
        &self,
        user_id: i64,
        after: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<(i64, String)>> {
        let rows: Vec<StoredEvent> = sqlx::query_as(
            "SELECT id, body FROM events WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(user_id)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|e| (e.id, e.body)).collect())
    }

    pub async fn position(&self, user_id: i64) -> sqlx::Result<Position> {
        sqlx::query_as("SELECT last_event, pruned_to FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await
    }

    /// Drops events written before `before_ms`; a client that asks for them later gets a reset.
    /// Returns how many were dropped.
    pub async fn prune_events(&self, before_ms: i64) -> sqlx::Result<u64> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE users SET pruned_to = (SELECT MAX(id) FROM events \
               WHERE events.user_id = users.id AND events.created_at < $1) \
             WHERE EXISTS (SELECT 1 FROM events WHERE events.user_id = users.id AND events.created_at < $1)",
        )
        .bind(before_ms)
        .execute(&mut *tx)
        .await?;
        let dropped = sqlx::query("DELETE FROM events WHERE created_at < $1")
            .bind(before_ms)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(dropped)
    }
}

impl Change {
    /// The id the change's event gets.
    pub(super) fn event_id(&self) -> i64 {
        self.event_id
    }

    /// Writes the change's event and commits: when this returns, the change is durable. On
    /// PostgreSQL the other server processes are told at the commit.
    pub(super) async fn record(mut self, event: &Event) -> sqlx::Result<i64> {
        insert_event(
            &mut self.tx,
            self.backend,
            self.user_id,
            self.event_id,
            event,
        )
        .await?;
        self.tx.commit().await?;
        Ok(self.event_id)
    }
}

/// Takes the person's next event id by bumping `users.last_event`: that write locks the person's
/// row (PostgreSQL) or the database (SQLite) until the transaction ends.
async fn next_event_id(tx: &mut Transaction<'static, Any>, user_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "UPDATE users SET last_event = last_event + 1 WHERE id = $1 RETURNING last_event",
    )
    .bind(user_id)
    .fetch_one(&mut **tx)
    .await
}

/// Writes an event; on PostgreSQL the other server processes are told at the commit.
async fn insert_event(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    user_id: i64,
    event_id: i64,
    event: &Event,
) -> sqlx::Result<()> {
    let body = serde_json::to_string(event).expect("an event always serializes");
    sqlx::query("INSERT INTO events (user_id, id, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(event_id)
        .bind(body)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(NOTIFY_CHANNEL)
            .bind(user_id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
