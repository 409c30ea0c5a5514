//! The domain: what a notification is once a widget's call has been parsed and validated, the
//! markup allow-list, the URL rules and the time formats.

pub mod link;
pub mod markup;
pub mod time;
mod types;

pub use link::{Link, LinkError};
pub use markup::{Markup, Node, Tag};
pub use types::{
    CallInfo, Entity, EntityKind, Kind, Method, Notification, NotificationId, DEFAULT_TIMEOUT_MS,
};
