//! The shared state: the center's history and the pop-up stack, the actions that change them, and
//! the Yew provider and hooks that expose them. Nothing here touches the DOM.

pub mod calls;
pub mod center;
pub mod channels;
pub mod connection;
pub mod feed;
pub mod model;
pub mod popups;
mod provider;
pub mod record;
mod reducer;
pub mod sync;

pub use center::{Center, Delivery, Entry, Filter};
pub use channels::{
    Channel, Channels, ConfigChange, DevicePush, PushRefusal, PushRequest, ServerConfig,
};
pub use connection::{Connection, Reach, Status};
pub use feed::Inbox;
pub use model::{Action, Applied, Change, Model, QueueChange, WidgetEvent};
pub use popups::{Popup, Popups, MAX_VISIBLE, MAX_WAITING_TRANSIENT};
pub use provider::{
    use_notifications, use_notifications_dispatch, NotificationsContext, NotificationsDispatcher,
    NotificationsProvider, NotificationsProviderProps,
};
pub use reducer::Store;
pub use sync::{Queued, StoredChange, SyncOp};
