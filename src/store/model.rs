//! The state every component reads, the actions that change it, and the one function that applies
//! them. Pure Rust: no DOM, no JavaScript, tested natively.

use std::collections::{HashSet, VecDeque};
use std::rc::Rc;

use amocrm_notify_protocol::api::{Event, Preferences};

use super::center::{Center, Delivery, Entry, Filter};
use super::channels::{Channel, Channels, ServerConfig};
use super::popups::Popups;
use super::record::entry_of;
use super::sync::SyncOp;
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
    /// Changes to the center the server has not heard yet, oldest first, each with its number
    /// (only when it syncs).
    pub sync: VecDeque<(u64, SyncOp)>,
    /// The number the next change for the server gets.
    next_sync: u64,
    /// The person's preferences, as the server keeps them (only when it syncs).
    pub preferences: Option<Preferences>,
    /// What the action being applied changed; empty between actions.
    log: Applied,
}

/// What applying one action changed ([`Model::apply_logged`]): the store hands it to the services
/// that keep it elsewhere, so nothing outside the model reaches in to collect it.
#[derive(Debug, Default, PartialEq)]
pub struct Applied {
    /// Whether anything a component shows changed (an idle action costs no render).
    pub changed: bool,
    /// The center's changes made by this tab, for storage and the other tabs. Changes that came
    /// from another tab ([`Action::Apply`]) or from storage ([`Action::Restore`]) are not here.
    pub journal: Vec<Change>,
    /// New center entries published by this tab's widgets, for the system notifications.
    pub published: Vec<Rc<Notification>>,
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
    /// "Dismiss all": close every pop-up, on screen and waiting.
    DismissAll,
    /// The stack measured how many pop-ups fit on screen.
    SetPopupRoom(usize),
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
    /// The server took the changes in [`Model::sync`] up to this number.
    SyncSent(u64),
    /// An event of the person's stream: a change made on another device, or this one's coming
    /// back (applied where it changes anything; stored and sent to the other tabs).
    Synced(Event),
    /// A page of the person's history from the server: entries it has, in the state it has them
    /// (an entry still waiting in this browser's outbox keeps its own).
    Merge(Vec<Entry>),
    /// The ids of the person's whole history on the server, once its pages were merged: entries
    /// this browser had from the server that it no longer has leave (removed on another device
    /// while this one was away).
    Resync(HashSet<NotificationId>),
    /// The person changed their preferences here.
    SetPreferences(Preferences),
    /// A switch on the settings page.
    SetChannel(Channel, bool),
    /// The channels as stored, or as another tab set them.
    SetChannels(Channels),
}

impl Model {
    /// Applies `action` at `now_ms` (ms since the epoch: the model keeps no clock of its own);
    /// whether anything changed.
    pub fn apply(&mut self, action: Action, now_ms: f64) -> bool {
        self.apply_logged(action, now_ms).changed
    }

    /// Applies `action` at `now_ms`, and says what it changed.
    pub fn apply_logged(&mut self, action: Action, now_ms: f64) -> Applied {
        let changed = self.apply_action(action, now_ms);
        Applied {
            changed,
            ..std::mem::take(&mut self.log)
        }
    }

    fn apply_action(&mut self, action: Action, now_ms: f64) -> bool {
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
                    let journaled = entry.clone();
                    if !self.center.insert(entry) {
                        return false;
                    }
                    if delivery == Delivery::Pending {
                        self.outbox.push_back(notification.id.clone());
                    }
                    self.log.published.push(Rc::clone(&notification));
                    self.journal_all([Change::Put(journaled)]);
                }
                self.popups.push(notification, now_ms);
                true
            }
            Action::Dismiss(id) => self.popups.dismiss(&id, now_ms),
            Action::DismissNewest => self.popups.dismiss_newest(now_ms),
            Action::DismissAll => self.popups.dismiss_all(),
            Action::SetPopupRoom(room) => self.popups.set_room(room, now_ms),
            Action::SetRead(id, read) => {
                // Read in the center: its pop-up has been seen.
                let dismissed = read && self.popups.dismiss(&id, now_ms);
                let changed = self.center.set_read(&id, read) && self.journal_put(&id);
                if changed {
                    self.tell_server(SyncOp::Read(vec![id], read));
                }
                changed | dismissed
            }
            Action::SetDelivery(id, delivery) => {
                if delivery != Delivery::Pending {
                    self.outbox.retain(|queued| *queued != id);
                }
                self.center.set_delivery(&id, delivery) && self.journal_put(&id)
            }
            Action::Remove(id) => {
                let dismissed = self.popups.dismiss(&id, now_ms);
                let removed = self.center.remove(&id).map(|_| Change::Delete(id.clone()));
                let changed = self.journal_all(removed);
                if changed {
                    self.tell_server(SyncOp::Remove(id));
                }
                changed | dismissed
            }
            Action::MarkAllRead(filter) => {
                let changed = self.center.mark_all_read(filter);
                let ids: Vec<NotificationId> = changed.iter().map(|e| e.id().clone()).collect();
                self.popups.dismiss_entries(&ids, now_ms);
                let changed = self.journal_all(changed.into_iter().map(Change::Put));
                if changed {
                    self.tell_server(SyncOp::ReadAll(filter));
                }
                changed
            }
            Action::ClearRead(filter) => {
                let removed = self.center.clear_read(filter);
                self.popups.dismiss_entries(&removed, now_ms);
                let changed = self.journal_all(removed.into_iter().map(Change::Delete));
                if changed {
                    self.tell_server(SyncOp::ClearRead(filter));
                }
                changed
            }
            Action::SyncSent(upto) => {
                let before = self.sync.len();
                self.sync.retain(|(n, _)| *n > upto);
                self.sync.len() != before
            }
            Action::Synced(event) => self.apply_event(event, now_ms),
            Action::Merge(entries) => entries
                .into_iter()
                .fold(false, |any, entry| self.merge(entry) | any),
            Action::Resync(kept) => {
                let gone: Vec<NotificationId> = self
                    .center
                    .newest_first()
                    .filter(|e| e.delivery == Delivery::Delivered && !kept.contains(e.id()))
                    .map(|e| e.id().clone())
                    .collect();
                let removed: Vec<Change> = gone
                    .into_iter()
                    .filter_map(|id| self.center.remove(&id).map(|_| Change::Delete(id)))
                    .collect();
                self.journal_all(removed)
            }
            Action::SetPreferences(preferences) => {
                let changed = replace(&mut self.preferences, Some(preferences.clone()));
                if changed {
                    self.tell_server(SyncOp::Preferences(preferences));
                }
                changed
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
                // Read or removed in another tab: its pop-up here has been dealt with too.
                let changed = match change {
                    Change::Put(entry) => {
                        let seen = entry.read && self.popups.dismiss(entry.id(), now_ms);
                        self.center.upsert(entry) | seen
                    }
                    Change::Delete(id) => {
                        self.popups.dismiss(&id, now_ms) | self.center.remove(&id).is_some()
                    }
                };
                any | changed
            }),
        }
    }

    /// Queues `op` for the server, when the center is kept there.
    fn tell_server(&mut self, op: SyncOp) {
        if self.server.syncs() {
            self.next_sync += 1;
            self.sync.push_back((self.next_sync, op));
        }
    }

    /// Applies an event of the person's stream; whether anything changed.
    fn apply_event(&mut self, event: Event, now_ms: f64) -> bool {
        match event {
            Event::Entry { entry } => match entry_of(*entry) {
                Ok(entry) => self.merge(Entry {
                    delivery: Delivery::Delivered,
                    ..entry
                }),
                Err(_) => false,
            },
            Event::Read { ids, read } => ids.into_iter().fold(false, |any, id| {
                let id = NotificationId::new(id);
                let dismissed = read && self.popups.dismiss(&id, now_ms);
                (self.center.set_read(&id, read) && self.journal_put(&id)) | dismissed | any
            }),
            Event::Removed { ids } => ids.into_iter().fold(false, |any, id| {
                let id = NotificationId::new(id);
                let dismissed = self.popups.dismiss(&id, now_ms);
                let removed = self.center.remove(&id).map(|_| Change::Delete(id));
                self.journal_all(removed) | dismissed | any
            }),
            // While a change made here waits to be sent, it is newer than what the server says.
            Event::Preferences { .. }
                if self
                    .sync
                    .iter()
                    .any(|(_, op)| matches!(op, SyncOp::Preferences(_))) =>
            {
                false
            }
            Event::Preferences { preferences } => replace(&mut self.preferences, Some(preferences)),
            Event::Delivery { id, status } => {
                let id = NotificationId::new(id);
                self.center.set_sent(&id, status) && self.journal_put(&id)
            }
            // The stream reloads the history; nothing here changes by itself.
            Event::Reset => false,
        }
    }

    /// Takes the server's state of an entry, unless this browser still has it waiting to be sent.
    fn merge(&mut self, entry: Entry) -> bool {
        let id = entry.id().clone();
        if self
            .center
            .get(&id)
            .is_some_and(|local| local.delivery == Delivery::Pending)
        {
            return false;
        }
        self.center.upsert(entry) && self.journal_put(&id)
    }

    /// Journals the entry `id` as it now is (it just changed); true.
    fn journal_put(&mut self, id: &NotificationId) -> bool {
        let entry = self.center.get(id).cloned();
        self.journal_all(entry.map(Change::Put));
        true
    }

    /// Journals `changes`; whether there were any.
    fn journal_all(&mut self, changes: impl IntoIterator<Item = Change>) -> bool {
        let before = self.log.journal.len();
        self.log.journal.extend(changes);
        self.log.journal.len() != before
    }
}

/// Sets `slot` to `value`; whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}
