//! The center kept with the account's server: what this browser changed that the server must hear
//! (read, unread, removed, the preferences), sent in order after the outbox's notifications.
//! Only when the page gives a token ([`ServerConfig::syncs`](super::ServerConfig::syncs)): then the
//! server keeps the person's center, and every session of theirs follows it through the stream.

use amocrm_notify_protocol::api::{self, Preferences};

use super::center::Filter;
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

impl Filter {
    /// The same filter in the server's API.
    pub fn to_api(self) -> api::Filter {
        match self {
            Filter::All => api::Filter::All,
            Filter::Unread => api::Filter::Unread,
            Filter::Errors => api::Filter::Errors,
            Filter::Calls => api::Filter::Calls,
        }
    }
}
