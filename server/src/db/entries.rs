//! A person's center: entries accepted once by id, read and unread, removed, listed newest first.

use amocrm_notify_protocol::http_api::{Event, Filter};
use amocrm_notify_protocol::{Delivery, EntryKind, Record};
use sqlx::any::AnyArguments;
use sqlx::query::QueryScalar;
use sqlx::Any;

use super::{id_list, now_ms, Db};

/// A stored entry: the record as JSON, and its read state (read as a number: SQLite keeps
/// booleans as integers).
#[derive(sqlx::FromRow)]
struct EntryRow {
    record: String,
    read: i64,
}

/// What an entry's first post stored, for a repeat of it.
#[derive(sqlx::FromRow)]
struct FirstPost {
    record: String,
    event_id: i64,
}

/// The filter's conditions, as the parameters `$kind` (the entries' kind, or NULL for any) and
/// `$unread_only` of the statements below (entries that are not removed are assumed). A parameter
/// that may be NULL is cast to its type where it is used: PostgreSQL would otherwise guess its
/// type from `$n IS NULL` and refuse the value sqlx sends.
fn filter_params(filter: Filter) -> (Option<&'static str>, bool) {
    match filter {
        Filter::All => (None, false),
        Filter::Unread => (None, true),
        Filter::Errors => (Some(EntryKind::Error.name()), false),
        Filter::Calls => (Some(EntryKind::Call.name()), false),
    }
}

/// `sql` (`READ_ALL` or `CLEAR_READ`) for the person's entries the filter shows, decided at `at`.
fn filtered(sql: &'static str, user_id: i64, filter: Filter, at: i64) -> ChangeQuery<'static> {
    let (kind, unread_only) = filter_params(filter);
    sqlx::query_scalar(sql)
        .bind(user_id)
        .bind(at)
        .bind(kind)
        .bind(unread_only)
}

const PAGE: &str = "SELECT record, CAST(CASE WHEN read THEN 1 ELSE 0 END AS BIGINT) AS read \
     FROM entries WHERE user_id = $1 AND removed = FALSE \
     AND (CAST($3 AS TEXT) IS NULL OR kind = CAST($3 AS TEXT)) \
     AND (CAST($4 AS BOOLEAN) = FALSE OR read = FALSE) \
     AND (date_ms < $5 OR (date_ms = $5 AND id < $6)) \
     ORDER BY date_ms DESC, id DESC LIMIT $2";

const SET_READ: super::ListSql = list_sql!(
    "UPDATE entries SET read = $3, read_at = $2 WHERE user_id = $1 AND removed = FALSE \
     AND read <> $3 AND read_at <= $2 AND id",
    "$4" as "TEXT",
    " RETURNING id"
);

const REMOVE: super::ListSql = list_sql!(
    "UPDATE entries SET removed = TRUE WHERE user_id = $1 AND removed = FALSE AND id",
    "$2" as "TEXT",
    " RETURNING id"
);

const READ_ALL: &str = "UPDATE entries SET read = TRUE, read_at = $2 WHERE user_id = $1 \
     AND removed = FALSE AND read = FALSE AND read_at <= $2 AND (date_ms <= $2 OR created_at <= $2) \
     AND (CAST($3 AS TEXT) IS NULL OR kind = CAST($3 AS TEXT)) \
     AND (CAST($4 AS BOOLEAN) = FALSE OR read = FALSE) RETURNING id";

const CLEAR_READ: &str =
    "UPDATE entries SET removed = TRUE WHERE user_id = $1 AND removed = FALSE \
     AND read = TRUE AND read_at <= $2 \
     AND (CAST($3 AS TEXT) IS NULL OR kind = CAST($3 AS TEXT)) \
     AND (CAST($4 AS BOOLEAN) = FALSE OR read = FALSE) RETURNING id";

/// An `UPDATE … RETURNING id` of [`Db::change_entries`], its parameters bound.
type ChangeQuery<'q> = QueryScalar<'q, Any, String, AnyArguments>;

/// What "mark all read" and "clear read" do to the entries a filter shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterChange {
    /// Marks every unread entry read. An entry that came after `at` (accepted later and dated
    /// later), or was marked unread after it, is left as it is; one made before the click but
    /// accepted after it (it waited in a browser's outbox) is dated before it, and is marked.
    ReadAll,
    /// Removes every read entry; one read after `at` stays.
    ClearRead,
}

/// What became of a post.
#[derive(Clone, Debug, PartialEq)]
pub enum Accept {
    /// A new entry, announced by this event, with this many delivery jobs recorded for it.
    Created { event_id: i64, jobs: u64 },
    /// The id was already the person's, with the same content: answered as the first time.
    Repeat { event_id: i64 },
    /// The id was already the person's, with other content.
    Conflict,
}

/// One page of the history, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub entries: Vec<Record>,
    /// The cursor after the last entry, when there may be more.
    pub next: Option<String>,
}

/// The record as stored: its content only, without read state or delivery.
fn stored(record: &Record) -> String {
    let bare = Record {
        read: false,
        delivery: Delivery::Local,
        ..record.clone()
    };
    serde_json::to_string(&bare).expect("a record always serializes")
}

impl Db {
    /// Accepts a checked record for the person; durable when this returns.
    pub async fn accept(&self, user_id: i64, record: &Record) -> sqlx::Result<Accept> {
        let mut change = self.begin_change(user_id).await?;
        let event_id = change.event_id();
        let inserted = sqlx::query(
            "INSERT INTO entries (user_id, id, date_ms, kind, read, removed, record, event_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7, $8) ON CONFLICT (user_id, id) DO NOTHING",
        )
        .bind(user_id)
        .bind(&record.id)
        .bind(record.date)
        .bind(record.kind.name())
        .bind(record.read)
        .bind(stored(record))
        .bind(event_id)
        .bind(now_ms())
        .execute(&mut *change.tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            let first: FirstPost = sqlx::query_as(
                "SELECT record, event_id FROM entries WHERE user_id = $1 AND id = $2",
            )
            .bind(user_id)
            .bind(&record.id)
            .fetch_one(&mut *change.tx)
            .await?;
            // Dropping the change rolls its event id back.
            return Ok(if first.record == stored(record) {
                Accept::Repeat {
                    event_id: first.event_id,
                }
            } else {
                Accept::Conflict
            });
        }
        let jobs = Self::enqueue(&mut change.tx, user_id, record, self.digest_unit_ms).await?;
        let entry = Record {
            delivery: Delivery::Delivered,
            ..record.clone()
        };
        change
            .record(&Event::Entry {
                entry: Box::new(entry),
            })
            .await?;
        Ok(Accept::Created { event_id, jobs })
    }

    /// The person's entry `id` as posted (removed ones too: a queued email still goes out).
    pub async fn entry(&self, user_id: i64, id: &str) -> sqlx::Result<Option<Record>> {
        let text: Option<String> =
            sqlx::query_scalar("SELECT record FROM entries WHERE user_id = $1 AND id = $2")
                .bind(user_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| sqlx::Error::Decode(Box::new(e))))
            .transpose()
    }

    /// Entries newest first (by date, then id), after the cursor `before`.
    pub async fn page(
        &self,
        user_id: i64,
        filter: Filter,
        before: Option<(f64, &str)>,
        limit: i64,
    ) -> sqlx::Result<Page> {
        let (kind, unread_only) = filter_params(filter);
        let rows: Vec<EntryRow> = sqlx::query_as(PAGE)
            .bind(user_id)
            .bind(limit + 1)
            .bind(kind)
            .bind(unread_only)
            // No cursor: after the largest date, so every entry. (Never a NULL float: sqlx's Any
            // driver declares one as a 4-byte float to PostgreSQL, and the statement it prepares
            // then refuses the 8-byte value of the next page's cursor.)
            .bind(before.map_or(f64::MAX, |(date, _)| date))
            .bind(before.map_or("", |(_, id)| id))
            .fetch_all(&self.pool)
            .await?;
        let mut entries = rows
            .into_iter()
            .map(|row| {
                let mut record: Record = serde_json::from_str(&row.record)
                    .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                record.read = row.read != 0;
                record.delivery = Delivery::Delivered;
                Ok(record)
            })
            .collect::<sqlx::Result<Vec<_>>>()?;
        let ids: Vec<String> = entries.iter().map(|r| r.id.clone()).collect();
        for (id, status) in self.statuses(user_id, &ids).await? {
            if let Some(record) = entries.iter_mut().find(|r| r.id == id) {
                record.sent.push(status);
            }
        }
        let next = if entries.len() as i64 > limit {
            entries.truncate(limit as usize);
            entries.last().map(|r| format!("{}:{}", r.date, r.id))
        } else {
            None
        };
        Ok(Page { entries, next })
    }

    /// Marks the person's entries `ids` read or unread, as decided at `at` (ms); returns those
    /// it changed. An entry whose read state was decided later than `at` keeps it.
    pub async fn set_read(
        &self,
        user_id: i64,
        ids: &[String],
        read: bool,
        at: i64,
    ) -> sqlx::Result<Vec<String>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let query = sqlx::query_scalar(SET_READ.on(self.backend))
            .bind(user_id)
            .bind(at)
            .bind(read)
            .bind(id_list(ids));
        self.change_entries(user_id, query, read, |ids| Event::Read {
            ids,
            read,
            at: Some(at as f64),
        })
        .await
    }

    /// Removes the person's entries `ids`; returns those that were there. A removal is final,
    /// whenever it was decided.
    pub async fn remove(&self, user_id: i64, ids: &[String]) -> sqlx::Result<Vec<String>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let query = sqlx::query_scalar(REMOVE.on(self.backend))
            .bind(user_id)
            .bind(id_list(ids));
        self.change_entries(user_id, query, true, |ids| Event::Removed { ids })
            .await
    }

    /// Changes every entry the filter shows, as decided at `at` (ms) ([`FilterChange`]).
    pub async fn change_filter(
        &self,
        change: FilterChange,
        user_id: i64,
        filter: Filter,
        at: i64,
    ) -> sqlx::Result<Vec<String>> {
        let sql = match change {
            FilterChange::ReadAll => READ_ALL,
            FilterChange::ClearRead => CLEAR_READ,
        };
        self.change_entries(
            user_id,
            filtered(sql, user_id, filter, at),
            true,
            |ids| match change {
                FilterChange::ReadAll => Event::Read {
                    ids,
                    read: true,
                    at: Some(at as f64),
                },
                FilterChange::ClearRead => Event::Removed { ids },
            },
        )
        .await
    }

    /// Runs `query`, an `UPDATE … RETURNING id` on the person's entries, in a change of theirs,
    /// and records the event `event` makes of the ids it changed. Nothing changed, no event.
    /// `seen`: the change reads or removes them, which skips their emails still waiting for a
    /// person who emails only what stays unread.
    async fn change_entries(
        &self,
        user_id: i64,
        query: ChangeQuery<'_>,
        seen: bool,
        event: impl FnOnce(Vec<String>) -> Event,
    ) -> sqlx::Result<Vec<String>> {
        let mut change = self.begin_change(user_id).await?;
        let mut changed = query.fetch_all(&mut *change.tx).await?;
        if changed.is_empty() {
            return Ok(changed);
        }
        changed.sort();
        if seen {
            self.skip_seen_emails(&mut change.tx, user_id, &changed)
                .await?;
        }
        change.record(&event(changed.clone())).await?;
        Ok(changed)
    }
}
