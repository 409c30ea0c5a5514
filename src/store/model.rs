//! The state every component reads, the actions that change it, and the one function that applies
//! them. Pure Rust: no DOM, no JavaScript, tested natively.

use std::collections::VecDeque;
use std::rc::Rc;

use super::center::{Center, Delivery, Entry, Filter};
use super::channels::{Channel, Channels, ServerConfig};
use super::popups::Popups;
use crate::notification::{Notification, NotificationId};

#[derive(Debug, Default)]
pub struct Model {
    pub center: Center,
    pub popups: Popups,
    /// The account's server, when the page names one.
    pub server: ServerConfig,
    /// The delivery channels switched on in this browser.
    pub channels: Channels,
    /// Entries waiting for the server to accept them, oldest first.
    pub outbox: VecDeque<NotificationId>,
    /// What this tab changed in the center since the journal was last taken, for storage and the
    /// other tabs; `None` until something asks for it ([`Model::keep_journal`]).
    journal: Option<Vec<Change>>,
    /// New center entries made by this tab's widgets, for the system notifications; `None` until
    /// asked for.
    announcements: Option<Vec<Rc<Notification>>>,
}

/// One change to the center, as it is stored and sent to the other tabs.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The entry, new or in a new state.
    Put(Entry),
    Delete(NotificationId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A validated notification from this tab's API: a pop-up, plus a center entry for `add_*`.
    Publish(Rc<Notification>),
    /// The pop-up was closed, timed out or clicked through.
    Dismiss(NotificationId),
    /// Escape: close the newest pop-up on screen.
    DismissNewest,
    /// The entry was opened (read), or marked read or unread by hand.
    SetRead(NotificationId, bool),
    /// The entry's place in the server's outbox changed.
    SetDelivery(NotificationId, Delivery),
    Remove(NotificationId),
    /// "Mark all as read" on a filter.
    MarkAllRead(Filter),
    /// "Clear read" on a filter.
    ClearRead(Filter),
    /// Changes made in another tab: applied, not journaled again.
    Apply(Vec<Change>),
    /// The stored history, read at start-up: added where not here already (what this tab or
    /// another has done since is newer than what was read), not journaled.
    Restore(Vec<Entry>),
    /// Entries the account's server pushed: added where new, and journaled (stored, and sent to
    /// the other tabs, which ignore the ones their own stream brought first).
    Receive(Vec<Entry>),
    /// The page named (or renamed) the account's server.
    Configure(ServerConfig),
    /// A switch on the settings page.
    SetChannel(Channel, bool),
    /// The channels as stored, or as another tab set them.
    SetChannels(Channels),
}

impl Model {
    /// Starts journaling the center's changes (the persistence layer does, once it is ready).
    pub fn keep_journal(&mut self) {
        self.journal.get_or_insert_with(Vec::new);
    }

    /// The changes journaled since the last call.
    pub fn take_journal(&mut self) -> Vec<Change> {
        self.journal
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Starts collecting this tab's new center entries (the system notifications do).
    pub fn keep_announcements(&mut self) {
        self.announcements.get_or_insert_with(Vec::new);
    }

    /// The new center entries since the last call.
    pub fn take_announcements(&mut self) -> Vec<Rc<Notification>> {
        self.announcements
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Applies `action` at `now_ms` (ms since the epoch: the model keeps no clock of its own);
    /// returns whether anything changed (so an idle action costs no render).
    pub fn apply(&mut self, action: Action, now_ms: f64) -> bool {
        match action {
            Action::Publish(notification) => {
                if notification.method.is_stored() {
                    let delivery = if self.server.delivers() {
                        Delivery::Pending
                    } else {
                        Delivery::Local
                    };
                    let entry = Entry {
                        delivery,
                        ..Entry::unread(Rc::clone(&notification))
                    };
                    // Journaled as built: no lookup of what was just added.
                    let journaled = self.journal.is_some().then(|| entry.clone());
                    if !self.center.insert(entry) {
                        return false;
                    }
                    if delivery == Delivery::Pending {
                        self.outbox.push_back(notification.id.clone());
                    }
                    // Only the Browser channel raises system notifications from them.
                    if let (Some(announcements), true) =
                        (&mut self.announcements, self.channels.browser)
                    {
                        announcements.push(Rc::clone(&notification));
                    }
                    self.journal_all(journaled.map(Change::Put));
                }
                self.popups.push(notification, now_ms);
                true
            }
            Action::Dismiss(id) => self.popups.dismiss(&id, now_ms),
            Action::DismissNewest => self.popups.dismiss_newest(now_ms),
            Action::SetRead(id, read) => self.center.set_read(&id, read) && self.journal_put(&id),
            Action::SetDelivery(id, delivery) => {
                if delivery != Delivery::Pending {
                    self.outbox.retain(|queued| *queued != id);
                }
                self.center.set_delivery(&id, delivery) && self.journal_put(&id)
            }
            Action::Remove(id) => {
                let removed = self.center.remove(&id).map(|_| Change::Delete(id));
                self.journal_all(removed)
            }
            Action::MarkAllRead(filter) => {
                let changed = self.center.mark_all_read(filter);
                self.journal_all(changed.into_iter().map(Change::Put))
            }
            Action::ClearRead(filter) => {
                let removed = self.center.clear_read(filter);
                self.journal_all(removed.into_iter().map(Change::Delete))
            }
            Action::Restore(entries) => entries.into_iter().fold(false, |any, entry| {
                let (id, pending) = (entry.id().clone(), entry.delivery == Delivery::Pending);
                let added = self.center.insert(entry);
                if added && pending {
                    self.outbox.push_back(id);
                }
                added | any
            }),
            Action::Receive(entries) => entries.into_iter().fold(false, |any, entry| {
                let id = entry.id().clone();
                let added = self.center.insert(entry) && self.journal_put(&id);
                added | any
            }),
            Action::Configure(server) => replace(&mut self.server, server),
            Action::SetChannel(channel, on) => self.channels.set(channel, on, &self.server),
            Action::SetChannels(channels) => replace(&mut self.channels, channels),
            Action::Apply(changes) => changes.into_iter().fold(false, |any, change| {
                let changed = match change {
                    Change::Put(entry) => self.center.upsert(entry),
                    Change::Delete(id) => self.center.remove(&id).is_some(),
                };
                any | changed
            }),
        }
    }

    /// Journals the entry `id` as it now is (it just changed); true.
    fn journal_put(&mut self, id: &NotificationId) -> bool {
        let entry = self.center.get(id).cloned();
        self.journal_all(entry.map(Change::Put));
        true
    }

    /// Journals `changes` (when journaling); whether there were any.
    fn journal_all(&mut self, changes: impl IntoIterator<Item = Change>) -> bool {
        let mut any = false;
        for change in changes {
            any = true;
            if let Some(journal) = &mut self.journal {
                journal.push(change);
            }
        }
        any
    }
}

/// Sets `slot` to `value`; whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}
