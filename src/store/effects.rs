//! What applying an action asks of the world, as values: the reducers only change state and say
//! what should follow; the store hands these to the services right after (as iced's `Task` and
//! Elm's `Cmd`). Some are for another slice of the model, which the model routes.

use std::rc::Rc;

use amocrm_notify_protocol::http_api::Preferences;

use super::center::Entry;
use super::channels::PushRequest;
use super::sync::{Queued, SyncOp};
use crate::notification::{Notification, NotificationId};

/// What one action changed and asks for ([`Model::apply`](super::Model::apply)).
#[derive(Debug, Default, PartialEq)]
pub struct Applied {
    /// Whether anything a component shows changed (an idle action costs no render).
    pub changed: bool,
    /// The center's changes made by this tab, for storage and the other tabs. Changes that came
    /// from another tab or from storage are not here.
    pub journal: Vec<Change>,
    /// New center entries published by this tab's widgets, for the system notifications.
    pub published: Vec<Rc<Notification>>,
    /// Changes for the server queued or sent by this tab, for storage and the other tabs.
    pub queue: Vec<QueueChange>,
    /// What the widgets' callbacks are to hear, for the JS API that holds them.
    pub widgets: Vec<WidgetEvent>,
    /// What the page asked of this device's push subscription, for delivery.
    pub push: Vec<PushRequest>,
    /// For the pop-ups: show this one.
    pub(super) popup: Option<Rc<Notification>>,
    /// For the pop-ups: these entries were seen or removed in the center.
    pub(super) seen: Vec<NotificationId>,
    /// For the queue of changes: tell the server this, which changed these entries here.
    pub(super) tell: Vec<(SyncOp, Vec<NotificationId>)>,
    /// For the settings: the person's preferences to show (the latest waiting to be sent, or
    /// what the server said once none waits).
    pub(super) preferences: Option<Preferences>,
    /// The server's word on the person's preferences: shown, or kept by the link while a change
    /// made here waits (see [`super::link::Link::hold_preferences`]).
    pub(super) server_preferences: Option<Preferences>,
}

impl Applied {
    /// Nothing changed, nothing to do.
    pub fn none() -> Self {
        Applied::default()
    }

    /// Only whether anything shown changed.
    pub fn changed(changed: bool) -> Self {
        Applied {
            changed,
            ..Applied::default()
        }
    }
}

/// What becomes of a widget's notification after its call returned: what the JS API tells the
/// widget's `done` / `fail` / `always` it holds, and its `addNotificationCallback`.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetEvent {
    /// The person opened it (a pop-up or a center entry).
    Opened(Rc<Notification>),
    /// An `add_*` entry is kept: by the account's server, or in this browser when none is named.
    Delivered(NotificationId),
    /// The server is not taking notifications now (why): they wait to be sent.
    Waiting(String),
    /// The server refused it for good (why): it stays in this browser only.
    Refused(NotificationId, String),
    /// Removed before the server had it: it will not be sent.
    Dropped(NotificationId),
}

/// A change to the queue of changes for the server, as stored and sent to the other tabs.
#[derive(Clone, Debug, PartialEq)]
pub enum QueueChange {
    /// Made here: keep it until the server has it.
    Add(Queued),
    /// The server has it (by its key).
    Sent(String),
}

/// One change to the center, as it is stored and sent to the other tabs.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The entry, new or in a new state.
    Put(Entry),
    Delete(NotificationId),
}
