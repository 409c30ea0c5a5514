//! The domain: what a notification is once a widget's call has been parsed and validated, and the
//! time formats. The markup allow-list and the URL rules live in the protocol crate, shared with
//! the account's server, which validates what it is sent by the same rules.

pub mod time;
mod types;

pub use amocrm_notify_protocol::link::{self, Link, LinkError};
pub use amocrm_notify_protocol::markup::{self, Markup, Node, Tag};
pub use types::{
    CallInfo, Entity, EntityKind, EntryKind, Kind, Method, Notification, NotificationId,
    DEFAULT_TIMEOUT_MS,
};
