//! The center kept with the account's server: what this browser changed that the server must hear
//! (read, unread, removed, the preferences), sent in order after the outbox's notifications.
//! Only when the page gives a token ([`ServerConfig::syncs`](super::ServerConfig::syncs)): then the
//! server keeps the person's center, and every session of theirs follows it through the stream.
//!
//! A change waits in a durable queue until the server has it: it is stored in IndexedDB with the
//! history and shared by the tabs, so a reload, a closed tab or an hour offline loses nothing, and
//! while it waits nothing the server says about those entries undoes it on screen.
//!
//! **When changes meet** (the README's rule): a removed entry stays removed. Otherwise the change
//! the person made later wins, by the time each was made (`at`, the device's clock; the server
//! never takes a time ahead of its own). A change made offline at 10:00 and sent at 11:00 does not
//! undo an unread made on another device at 10:30; the server ignores it, and this browser then
//! takes the server's state.

use amocrm_notify_protocol::http_api::{Filter, Preferences};
use serde::{Deserialize, Serialize};

use crate::notification::NotificationId;

/// One change for the server.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncOp {
    /// Entries marked read (`true`) or unread.
    Read(Vec<NotificationId>, bool),
    Remove(NotificationId),
    /// "Mark all as read" on a filter.
    ReadAll(Filter),
    /// "Clear read" on a filter.
    ClearRead(Filter),
    /// The person's preferences, as edited on the settings page.
    Preferences(Preferences),
}

/// A change waiting for the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Queued {
    /// Orders the queue across tabs and reloads: when it was made, then its tab and number.
    pub key: String,
    /// When the person made it, in ms since the epoch.
    pub at: f64,
    pub op: SyncOp,
    /// The entries it changed here. While it waits, the server's word on these (a page of the
    /// history, an event decided earlier) does not undo it on screen.
    pub ids: Vec<NotificationId>,
}

impl Queued {
    /// The key of a change made at `at` by the tab `tab`, its `number`th: keys sort by time.
    pub fn key_of(at: f64, tab: &str, number: u64) -> String {
        format!("{:015}-{tab}-{number:08}", at.max(0.0) as u64)
    }

    /// The change as IndexedDB keeps it and the tabs pass it on.
    pub fn to_stored(&self) -> StoredChange {
        let ids = |ids: &[NotificationId]| ids.iter().map(ToString::to_string).collect();
        let op = match &self.op {
            SyncOp::Read(ids_read, read) => StoredOp::Read {
                ids: ids(ids_read),
                read: *read,
            },
            SyncOp::Remove(id) => StoredOp::Remove { id: id.to_string() },
            SyncOp::ReadAll(filter) => StoredOp::ReadAll { filter: *filter },
            SyncOp::ClearRead(filter) => StoredOp::ClearRead { filter: *filter },
            SyncOp::Preferences(preferences) => StoredOp::Preferences {
                preferences: preferences.clone(),
            },
        };
        StoredChange {
            key: self.key.clone(),
            at: self.at,
            op,
            ids: ids(&self.ids),
        }
    }

    /// Reads [`Queued::to_stored`] back.
    pub fn from_stored(stored: StoredChange) -> Queued {
        let ids = |ids: Vec<String>| ids.into_iter().map(NotificationId::new).collect();
        let op = match stored.op {
            StoredOp::Read { ids: read, read: r } => SyncOp::Read(ids(read), r),
            StoredOp::Remove { id } => SyncOp::Remove(NotificationId::new(id)),
            StoredOp::ReadAll { filter } => SyncOp::ReadAll(filter),
            StoredOp::ClearRead { filter } => SyncOp::ClearRead(filter),
            StoredOp::Preferences { preferences } => SyncOp::Preferences(preferences),
        };
        Queued {
            key: stored.key,
            at: stored.at,
            op,
            ids: ids(stored.ids),
        }
    }
}

/// A waiting change as JSON, in IndexedDB's `changes` store and between tabs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredChange {
    pub key: String,
    pub at: f64,
    pub op: StoredOp,
    #[serde(default)]
    pub ids: Vec<String>,
}

/// [`SyncOp`] as JSON (externally tagged: `{"read": {"ids": […], "read": true}}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredOp {
    Read { ids: Vec<String>, read: bool },
    Remove { id: String },
    ReadAll { filter: Filter },
    ClearRead { filter: Filter },
    Preferences { preferences: Preferences },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_by_time_then_tab_and_number() {
        let a = Queued::key_of(999.0, "zz", 7);
        let b = Queued::key_of(1_000.0, "aa", 1);
        let c = Queued::key_of(1_000.0, "aa", 2);
        assert!(a < b && b < c, "{a} {b} {c}");
    }

    #[test]
    fn a_change_reads_back_as_stored() {
        let id = NotificationId::new("x-1");
        for op in [
            SyncOp::Read(vec![id.clone()], true),
            SyncOp::Remove(id.clone()),
            SyncOp::ReadAll(Filter::Errors),
            SyncOp::ClearRead(Filter::Calls),
        ] {
            let queued = Queued {
                key: Queued::key_of(5.0, "t", 1),
                at: 5.0,
                op,
                ids: vec![id.clone()],
            };
            assert_eq!(Queued::from_stored(queued.to_stored()), queued);
        }
    }
}
