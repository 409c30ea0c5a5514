//! Storage: every query the server makes, behind one [`Db`] that runs on SQLite (one process,
//! a file in the data folder, WAL) or PostgreSQL (any number of processes).
//!
//! Queries are written once, in the SQL both databases speak (`$n` parameters, `RETURNING`,
//! `ON CONFLICT`), and run through sqlx's `Any` driver; the few places that differ ask
//! [`Db::backend`]. Every statement is a constant: rows are read by column name into
//! `sqlx::FromRow` structs, and a list of ids is one parameter (see [`ListSql`]).

/// A statement with a list of ids as one parameter holding a JSON array, which the database itself
/// reads as rows: `column IN (SELECT value FROM json_each($n))` on SQLite,
/// `column = ANY(ARRAY(SELECT … json_array_elements_text($n)))` on PostgreSQL (an array, so the
/// planner looks each id up in the index; an `IN` over the function scans the whole table, which
/// made PostgreSQL's delivery worker 2.5 times slower). One text per database, each fixed at
/// compile time, and any number of ids in one parameter.
///
/// Not sqlx's `QueryBuilder`: through the `Any` driver it writes `?` placeholders, which
/// PostgreSQL refuses (launchbadge/sqlx#3000).
///
/// `list_sql!("… WHERE id", "$4" as "TEXT", " RETURNING id")`: the column before, the parameter
/// and the ids' SQL type (`TEXT`, or `BIGINT` for row ids), what follows.
macro_rules! list_sql {
    ($head:literal, $list:literal as $ty:literal, $tail:literal) => {
        $crate::db::ListSql {
            sqlite: concat!(
                $head,
                " IN (SELECT value FROM json_each(",
                $list,
                "))",
                $tail
            ),
            postgres: concat!(
                $head,
                " = ANY(ARRAY(SELECT CAST(json_array_elements_text(CAST(",
                $list,
                " AS json)) AS ",
                $ty,
                ")))",
                $tail
            ),
        }
    };
}

mod accounts;
mod deliveries;
mod entries;
mod events;
mod mail;
mod migrations;
mod preferences;
mod push;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use accounts::{Account, Recipient, User};
pub use deliveries::{Finished, Job, Outcome};
pub use entries::{Accept, FilterChange, Page};
pub use mail::KeptMail;
pub use push::Subscription;

/// Which database this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The PostgreSQL channel on which a process announces a person's new event to the others; the
/// payload is the person's user id.
pub const NOTIFY_CHANNEL: &str = "amocrm_notify_events";

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    url: String,
    /// What a "minute" of an email digest lasts, in milliseconds (tests shorten it).
    digest_unit_ms: i64,
}

impl Db {
    /// Opens the database at `url` (`sqlite://…` or `postgres://…`) and brings its schema up to date.
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            anyhow::bail!("the database URL must start with sqlite: or postgres:, got {url:?}");
        };
        let options = AnyConnectOptions::from_str(url).context("reading the database URL")?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                // SQLite has one writer at a time; more connections only wait on its lock.
                Backend::Sqlite => max_connections.min(8),
                Backend::Postgres => max_connections,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers go on while one writes; FULL makes each commit durable
                        // before the server answers 2xx; the busy timeout queues writers.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("opening the {} database", backend.name()))?;
        migrations::migrator(backend)
            .run(&pool)
            .await
            .context("applying the database migrations")?;
        Ok(Db {
            pool,
            backend,
            url: url.to_owned(),
            digest_unit_ms: 60_000,
        })
    }

    /// Shortens (or lengthens) a digest's minute: for tests that cannot wait minutes.
    pub fn with_digest_unit(mut self, unit: Duration) -> Db {
        self.digest_unit_ms = unit.as_millis() as i64;
        self
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL the database was opened with (PostgreSQL's LISTEN needs a connection of its own).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> sqlx::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// See [`list_sql!`].
pub(crate) struct ListSql {
    sqlite: &'static str,
    postgres: &'static str,
}

impl ListSql {
    fn on(&self, backend: Backend) -> &'static str {
        match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        }
    }
}

/// A list of ids as the one parameter of a [`ListSql`]: a JSON array.
fn id_list<T: serde::Serialize>(ids: &[T]) -> String {
    serde_json::to_string(ids).expect("ids always serialize")
}
