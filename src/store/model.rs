//! The state every component reads, the actions that change it, and the one function that applies
//! them. Pure Rust: no DOM, no JavaScript, tested natively.

use std::rc::Rc;

use super::center::Center;
use super::popups::Popups;
use crate::notification::{Notification, NotificationId};

#[derive(Debug, Default)]
pub struct Model {
    pub center: Center,
    pub popups: Popups,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A validated notification from the API: a pop-up, plus a center entry for `add_*`.
    Publish(Rc<Notification>),
    /// The pop-up was closed, timed out or clicked through.
    Dismiss(NotificationId),
    /// Escape: close the newest pop-up on screen.
    DismissNewest,
    /// The entry was opened in the center.
    MarkRead(NotificationId),
    /// "Mark all as read".
    MarkAllRead,
}

impl Model {
    /// Applies `action` at `now_ms` (ms since the epoch: the model keeps no clock of its own);
    /// returns whether anything changed (so an idle action costs no render).
    pub fn apply(&mut self, action: Action, now_ms: f64) -> bool {
        match action {
            Action::Publish(notification) => {
                if notification.method.is_stored() && !self.center.add(Rc::clone(&notification)) {
                    return false;
                }
                self.popups.push(notification, now_ms);
                true
            }
            Action::Dismiss(id) => self.popups.dismiss(&id, now_ms),
            Action::DismissNewest => self.popups.dismiss_newest(now_ms),
            Action::MarkRead(id) => self.center.mark_read(&id),
            Action::MarkAllRead => self.center.mark_all_read(),
        }
    }
}
