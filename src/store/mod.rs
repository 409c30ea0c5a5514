//! The shared state, in slices (the center, the pop-ups, the link with the server, the settings,
//! the inspector's calls), each with its actions and reducer; the effects an action asks for, as
//! values; and the Yew provider and hooks that expose them. Nothing here touches the DOM.

pub mod calls;
pub mod center;
mod center_update;
pub mod channels;
pub mod connection;
mod effects;
pub mod feed;
mod link;
pub mod model;
pub mod popups;
mod provider;
pub mod record;
mod reducer;
mod settings;
pub mod sync;

pub use calls::CallAction;
pub use center::{Center, Delivery, Entry, Filter};
pub use center_update::CenterAction;
pub use channels::{
    Channels, ConfigChange, DeliveryChannel, DevicePush, PushRefusal, PushRequest, Renewer,
    ServerConfig,
};
pub use connection::{Connection, Reach, Status};
pub use effects::{Applied, Change, QueueChange, WidgetEvent};
pub use feed::Inbox;
pub use link::{Link, LinkAction};
pub use model::{Action, Model};
pub use popups::{Popup, PopupAction, Popups, MAX_VISIBLE, MAX_WAITING_TRANSIENT};
pub use provider::{
    use_notifications, use_notifications_dispatch, NotificationsContext, NotificationsDispatcher,
    NotificationsProvider, NotificationsProviderProps,
};
pub use reducer::Store;
pub use settings::{Settings, SettingsAction};
pub use sync::{Queued, StoredChange, SyncOp};

/// Sets `slot` to `value`; whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}
