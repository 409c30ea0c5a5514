//! A person's center: entries accepted once by id, read and unread, removed, listed newest first.

use amocrm_notify_protocol::api::{Event, Filter};
use amocrm_notify_protocol::{Delivery, Record};
use sqlx::{AssertSqlSafe, Row};

use super::{now_ms, placeholders, Store};

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

/// The SQL condition for a filter (entries that are not removed are assumed).
fn filter_sql(filter: Filter) -> &'static str {
    match filter {
        Filter::All => "",
        Filter::Unread => " AND read = FALSE",
        Filter::Errors => " AND kind = 'error'",
        Filter::Calls => " AND kind = 'call'",
    }
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

impl Store {
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
        .bind(&record.kind)
        .bind(record.read)
        .bind(stored(record))
        .bind(event_id)
        .bind(now_ms())
        .execute(&mut *change.tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            let row =
                sqlx::query("SELECT record, event_id FROM entries WHERE user_id = $1 AND id = $2")
                    .bind(user_id)
                    .bind(&record.id)
                    .fetch_one(&mut *change.tx)
                    .await?;
            let first: String = row.try_get(0)?;
            let event_id: i64 = row.try_get(1)?;
            // Dropping the change rolls its event id back.
            return Ok(if first == stored(record) {
                Accept::Repeat { event_id }
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
        let after_cursor = if before.is_some() {
            " AND (date_ms < $3 OR (date_ms = $3 AND id < $4))"
        } else {
            ""
        };
        let sql = format!(
            "SELECT record, CAST(CASE WHEN read THEN 1 ELSE 0 END AS BIGINT) FROM entries WHERE user_id = $1 AND removed = FALSE{}{} \
             ORDER BY date_ms DESC, id DESC LIMIT $2",
            filter_sql(filter),
            after_cursor
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(user_id)
            .bind(limit + 1);
        if let Some((date, id)) = before {
            query = query.bind(date).bind(id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut entries = rows
            .into_iter()
            .map(|row| {
                let text: String = row.try_get(0)?;
                let mut record: Record =
                    serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                // Read as a number: SQLite keeps booleans as integers.
                record.read = row.try_get::<i64, _>(1)? != 0;
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
        let sql = format!(
            "UPDATE entries SET read = $3, read_at = $2 WHERE user_id = $1 AND removed = FALSE \
             AND read <> $3 AND read_at <= $2 AND id IN ({}) RETURNING id",
            placeholders(4, ids.len())
        );
        self.change_entries(user_id, sql, Some(at), Some(read), read, ids, |ids| {
            Event::Read {
                ids,
                read,
                at: Some(at as f64),
            }
        })
        .await
    }

    /// Removes the person's entries `ids`; returns those that were there. A removal is final,
    /// whenever it was decided.
    pub async fn remove(&self, user_id: i64, ids: &[String]) -> sqlx::Result<Vec<String>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "UPDATE entries SET removed = TRUE WHERE user_id = $1 AND removed = FALSE \
             AND id IN ({}) RETURNING id",
            placeholders(2, ids.len())
        );
        self.change_entries(user_id, sql, None, None, true, ids, |ids| Event::Removed {
            ids,
        })
        .await
    }

    /// Marks every unread entry the filter shows read, as decided at `at` (ms): an entry that
    /// came after that (accepted later and dated later), or was marked unread after it, is left
    /// as it is. An entry made before the click but accepted after it (it waited in a browser's
    /// outbox) is dated before it, and is marked.
    pub async fn read_all(
        &self,
        user_id: i64,
        filter: Filter,
        at: i64,
    ) -> sqlx::Result<Vec<String>> {
        let sql = format!(
            "UPDATE entries SET read = TRUE, read_at = $2 WHERE user_id = $1 AND removed = FALSE \
             AND read = FALSE AND read_at <= $2 AND (date_ms <= $2 OR created_at <= $2){} RETURNING id",
            filter_sql(filter)
        );
        self.change_entries(user_id, sql, Some(at), None, true, &[], |ids| Event::Read {
            ids,
            read: true,
            at: Some(at as f64),
        })
        .await
    }

    /// Removes every read entry the filter shows, as decided at `at` (ms): an entry read after
    /// that stays.
    pub async fn clear_read(
        &self,
        user_id: i64,
        filter: Filter,
        at: i64,
    ) -> sqlx::Result<Vec<String>> {
        let sql = format!(
            "UPDATE entries SET removed = TRUE WHERE user_id = $1 AND removed = FALSE \
             AND read = TRUE AND read_at <= $2{} RETURNING id",
            filter_sql(filter)
        );
        self.change_entries(user_id, sql, Some(at), None, true, &[], |ids| {
            Event::Removed { ids }
        })
        .await
    }

    /// Runs an `UPDATE … RETURNING id` on the person's entries (`$1` the user, then the time the
    /// change was decided, `flag` and `ids`, each when given) and records the event `event` makes of the ids
    /// it changed. Nothing changed, no event. `seen`: the change reads or removes them, which skips
    /// their emails still waiting for a person who emails only what stays unread.
    #[allow(clippy::too_many_arguments)]
    async fn change_entries(
        &self,
        user_id: i64,
        sql: String,
        at: Option<i64>,
        flag: Option<bool>,
        seen: bool,
        ids: &[String],
        event: impl FnOnce(Vec<String>) -> Event,
    ) -> sqlx::Result<Vec<String>> {
        let mut change = self.begin_change(user_id).await?;
        let mut query = sqlx::query_scalar::<_, String>(AssertSqlSafe(sql)).bind(user_id);
        if let Some(at) = at {
            query = query.bind(at);
        }
        if let Some(flag) = flag {
            query = query.bind(flag);
        }
        for id in ids {
            query = query.bind(id);
        }
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
