//! The state every component reads, the actions that change it, and the one function that applies
//! them. Pure Rust: no DOM, no JavaScript, tested natively.

use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

use amocrm_notify_protocol::http_api::{Event, Preferences};

use super::calls::{CallLog, LoggedCall};
use super::center::{Center, Delivery, Entry, Filter};
use super::channels::{Channel, Channels, ConfigChange, DevicePush, PushRequest, ServerConfig};
use super::connection::{Connection, Reach};
use super::popups::Popups;
use super::record::entry_of;
use super::sync::{Queued, SyncOp};
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
    /// Changes to the center the server has not heard yet, in the order of their keys (only when
    /// it syncs): this tab's, and those of the other tabs and earlier pages, from storage.
    pub sync: VecDeque<Queued>,
    /// The number the next change for the server gets.
    next_sync: u64,
    /// This tab, in the keys of its changes.
    tab: Rc<str>,
    /// The entries the changes in [`Model::sync`] changed, each with the time of the latest.
    guarded: HashMap<NotificationId, f64>,
    /// Where this browser stands with the server.
    pub connection: Connection,
    /// Bumped when the server's history must be loaded again: it did not take a change as made
    /// here (another device changed the entry later), so this browser takes the server's state.
    pub history_reloads: u64,
    /// The person's preferences, as the server keeps them (only when it syncs).
    pub preferences: Option<Preferences>,
    /// Why the server is not taking this tab's notifications now, while it is not.
    pub undelivered: Option<String>,
    /// This device's push subscription.
    pub device_push: DevicePush,
    /// The JS API's calls, for the developer inspector (only once the page asked for it).
    pub calls: CallLog,
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
    /// Changes for the server queued or sent by this tab, for storage and the other tabs.
    pub queue: Vec<QueueChange>,
    /// What the widgets' callbacks are to hear, for the JS API that holds them.
    pub widgets: Vec<WidgetEvent>,
    /// What the page asked of this device's push subscription, for delivery.
    pub push: Vec<PushRequest>,
}

/// What becomes of a widget's notification after its call returned: what the JS API tells the
/// widget's `done` / `fail` / `always` it holds, and its `addNotificationCallback`.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetEvent {
    /// The person opened it (a pop-up or a center entry).
    Opened(Rc<Notification>),
    /// An `add_*` entry is kept: by the account's server, or in this browser when none is named.
    Delivered(NotificationId),
    /// The server is not taking notifications now (why): they wait in the outbox.
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
    /// "+N more" (true) shows every pop-up, waiting ones too; "Show fewer" (false) collapses.
    ExpandPopups(bool),
    /// "Show all" on a pop-up cut short (`true`), or "Show less".
    ShowWhole(NotificationId, bool),
    /// The entry was opened (read), or marked read or unread by hand.
    SetRead(NotificationId, bool),
    /// The entry's place in the server's outbox changed.
    SetDelivery(NotificationId, Delivery),
    /// The server refused the entry for good (why): it stays in this browser only.
    Refused(NotificationId, String),
    /// The server is not taking notifications (why), or takes them again (`None`).
    Undelivered(Option<String>),
    /// The person opened a pop-up or a center entry: its widget's notification callback runs.
    Opened(Rc<Notification>),
    /// The page asked for the developer inspector: the JS API logs its calls.
    Inspect,
    /// The JS API took a call (for the inspector).
    Logged(Box<LoggedCall>),
    /// The JS API called a widget's callback (`done`, `fail`, `always`) for the logged call.
    CalledBack(u64, &'static str),
    /// "Clear" in the inspector.
    ClearCalls,
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
    /// The page named (or renamed) the account's server, or the person's token was renewed.
    Configure(ConfigChange),
    /// The server took the change with this key from [`Model::sync`]. `overruled`: it did not
    /// take all of it as made here (another device changed those entries later, or removed
    /// them), so the history is loaded again.
    SyncSent {
        key: String,
        overruled: bool,
    },
    /// Changes waiting for the server, from storage or another tab: queued where not already.
    Queue(Vec<Queued>),
    /// Another tab sent these changes (by key).
    Dequeue(Vec<String>),
    /// What the last request to the server came to.
    Reached(Reach),
    /// The browser went online (`true`) or offline.
    SetOnline(bool),
    /// The center was restored from storage, saved at this time (ms).
    RestoredFrom(f64),
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
    /// The person's preferences as this browser last had them from the server: shown until the
    /// server's come (the server away at a reload), never over them.
    StoredPreferences(Preferences),
    /// A switch on the settings page.
    SetChannel(Channel, bool),
    /// The settings page asks something of this device's push subscription.
    Push(PushRequest),
    /// What delivery found or made of this device's push subscription.
    DevicePush(DevicePush),
    /// The channels as stored, or as another tab set them.
    SetChannels(Channels),
}

impl Model {
    /// An empty model for the tab `tab` (a short id unique among this browser's tabs).
    pub fn for_tab(tab: &str) -> Self {
        Model {
            tab: tab.into(),
            ..Model::default()
        }
    }

    /// Notifications and changes that wait for the server.
    pub fn waiting(&self) -> usize {
        self.outbox.len() + self.sync.len()
    }

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
                        if let Some(why) = &self.undelivered {
                            self.log.widgets.push(WidgetEvent::Waiting(why.clone()));
                        }
                    } else {
                        self.log
                            .widgets
                            .push(WidgetEvent::Delivered(notification.id.clone()));
                    }
                    self.log.published.push(Rc::clone(&notification));
                    self.journal_all([Change::Put(journaled)]);
                }
                self.popups.push(notification);
                true
            }
            Action::Dismiss(id) => self.popups.dismiss(&id),
            Action::DismissNewest => self.popups.dismiss_newest(),
            Action::DismissAll => self.popups.dismiss_all(),
            Action::SetPopupRoom(room) => self.popups.set_room(room),
            Action::ExpandPopups(expanded) => self.popups.set_expanded(expanded),
            Action::ShowWhole(id, whole) => self.popups.show_whole(&id, whole),
            Action::SetRead(id, read) => {
                // Read in the center: its pop-up has been seen.
                let dismissed = read && self.popups.dismiss(&id);
                let changed = self.center.set_read(&id, read) && self.journal_put(&id);
                if changed {
                    self.tell_server(SyncOp::Read(vec![id.clone()], read), vec![id], now_ms);
                }
                changed | dismissed
            }
            Action::SetDelivery(id, delivery) => {
                if delivery != Delivery::Pending {
                    self.outbox.retain(|queued| *queued != id);
                }
                match delivery {
                    Delivery::Delivered => {
                        self.log.widgets.push(WidgetEvent::Delivered(id.clone()))
                    }
                    Delivery::Local => self.log.widgets.push(WidgetEvent::Dropped(id.clone())),
                    Delivery::Pending => {}
                }
                self.center.set_delivery(&id, delivery) && self.journal_put(&id)
            }
            Action::Refused(id, why) => {
                self.outbox.retain(|queued| *queued != id);
                self.log.widgets.push(WidgetEvent::Refused(id.clone(), why));
                self.center.set_delivery(&id, Delivery::Local) && self.journal_put(&id)
            }
            Action::Undelivered(why) => {
                if let Some(why) = &why {
                    self.log.widgets.push(WidgetEvent::Waiting(why.clone()));
                }
                self.undelivered = why;
                false
            }
            Action::Push(request) => {
                if let PushRequest::Subscribe(_) = request {
                    self.device_push.refusal = None;
                }
                self.log.push.push(request);
                true
            }
            Action::DevicePush(state) => replace(&mut self.device_push, state),
            Action::Opened(notification) => {
                self.log.widgets.push(WidgetEvent::Opened(notification));
                false
            }
            Action::Inspect => !std::mem::replace(&mut self.calls.on, true),
            Action::Logged(call) => {
                self.calls.push(*call);
                true
            }
            Action::CalledBack(seq, name) => self.calls.called_back(seq, name),
            Action::ClearCalls => self.calls.clear(),
            Action::Remove(id) => {
                let dismissed = self.popups.dismiss(&id);
                let removed = self.center.remove(&id).map(|_| Change::Delete(id.clone()));
                let changed = self.journal_all(removed);
                if changed {
                    self.tell_server(SyncOp::Remove(id.clone()), vec![id], now_ms);
                }
                changed | dismissed
            }
            Action::MarkAllRead(filter) => {
                let changed = self.center.mark_all_read(filter);
                let ids: Vec<NotificationId> = changed.iter().map(|e| e.id().clone()).collect();
                self.popups.dismiss_entries(&ids);
                let changed = self.journal_all(changed.into_iter().map(Change::Put));
                if changed {
                    self.tell_server(SyncOp::ReadAll(filter), ids, now_ms);
                }
                changed
            }
            Action::ClearRead(filter) => {
                let removed = self.center.clear_read(filter);
                self.popups.dismiss_entries(&removed);
                let changed = self.journal_all(removed.iter().cloned().map(Change::Delete));
                if changed {
                    self.tell_server(SyncOp::ClearRead(filter), removed, now_ms);
                }
                changed
            }
            Action::SyncSent { key, overruled } => {
                let before = self.sync.len();
                self.sync.retain(|queued| queued.key != key);
                if self.sync.len() == before {
                    return false;
                }
                self.log.queue.push(QueueChange::Sent(key));
                self.reguard();
                if overruled {
                    self.history_reloads += 1;
                }
                true
            }
            Action::Queue(changes) => {
                let queued = changes
                    .into_iter()
                    .fold(false, |any, queued| self.enqueue(queued) | any);
                // The person's latest choices still waiting (a reload while the server is away)
                // are what this browser shows of their preferences.
                let waiting = self.sync.iter().rev().find_map(|q| match &q.op {
                    SyncOp::Preferences(preferences) => Some(preferences.clone()),
                    _ => None,
                });
                let shown = waiting.is_some_and(|p| replace(&mut self.preferences, Some(p)));
                queued | shown
            }
            Action::StoredPreferences(preferences) => {
                self.preferences.is_none() && replace(&mut self.preferences, Some(preferences))
            }
            Action::Dequeue(keys) => {
                let before = self.sync.len();
                self.sync.retain(|queued| !keys.contains(&queued.key));
                let changed = self.sync.len() != before;
                if changed {
                    self.reguard();
                }
                changed
            }
            Action::Reached(reach) => self.connection.reached(reach, now_ms),
            Action::SetOnline(online) => self.connection.set_online(online, now_ms),
            Action::RestoredFrom(at_ms) => self.connection.restored(at_ms),
            Action::Synced(event) => self.apply_event(event),
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
                // A choice made since: an earlier push refusal is no longer the news.
                let cleared = self.device_push.refusal.take().is_some();
                let changed = replace(&mut self.preferences, Some(preferences.clone()));
                if changed {
                    self.tell_server(SyncOp::Preferences(preferences), Vec::new(), now_ms);
                }
                changed || cleared
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
            Action::Configure(change) => {
                let server = change.applied_to(&self.server);
                replace(&mut self.server, server)
            }
            Action::SetChannel(channel, on) => self.channels.set(channel, on, &self.server),
            Action::SetChannels(channels) => replace(&mut self.channels, channels),
            Action::Apply(changes) => changes.into_iter().fold(false, |any, change| {
                // Read or removed in another tab: its pop-up here has been dealt with too.
                let changed = match change {
                    Change::Put(entry) => {
                        let seen = entry.read && self.popups.dismiss(entry.id());
                        self.center.upsert(entry) | seen
                    }
                    Change::Delete(id) => {
                        self.popups.dismiss(&id) | self.center.remove(&id).is_some()
                    }
                };
                any | changed
            }),
        }
    }

    /// Queues `op`, which changed the entries `ids` here at `now_ms`, for the server, when the
    /// center is kept there.
    fn tell_server(&mut self, op: SyncOp, ids: Vec<NotificationId>, now_ms: f64) {
        if !self.server.syncs() {
            return;
        }
        self.next_sync += 1;
        let queued = Queued {
            key: Queued::key_of(now_ms, &self.tab, self.next_sync),
            at: now_ms,
            op,
            ids,
        };
        self.log.queue.push(QueueChange::Add(queued.clone()));
        self.enqueue(queued);
    }

    /// Puts `queued` in [`Model::sync`] in the order of its key (this tab's newest goes last,
    /// unless a clock stepped back) and guards its entries; false when that key is queued already.
    fn enqueue(&mut self, queued: Queued) -> bool {
        let at = self.sync.partition_point(|q| q.key < queued.key);
        if self.sync.get(at).is_some_and(|q| q.key == queued.key) {
            return false;
        }
        self.guard(&queued);
        self.sync.insert(at, queued);
        true
    }

    fn guard(&mut self, queued: &Queued) {
        for id in &queued.ids {
            let at = self.guarded.entry(id.clone()).or_insert(queued.at);
            *at = at.max(queued.at);
        }
    }

    /// Rebuilds [`Model::guarded`] once changes have left the queue.
    fn reguard(&mut self) {
        self.guarded.clear();
        for queued in std::mem::take(&mut self.sync) {
            self.guard(&queued);
            self.sync.push_back(queued);
        }
    }

    /// A change waiting for the server made `id` what it is here, later than `at_ms` (`None`:
    /// whenever): the server's word on it, decided earlier, must not undo that on screen.
    fn changed_here_after(&self, id: &NotificationId, at_ms: Option<f64>) -> bool {
        self.guarded
            .get(id)
            .is_some_and(|&mine| at_ms.is_none_or(|at| mine > at))
    }

    /// Applies an event of the person's stream; whether anything changed.
    fn apply_event(&mut self, event: Event) -> bool {
        match event {
            Event::Entry { entry } => match entry_of(*entry) {
                Ok(entry) => self.merge(Entry {
                    delivery: Delivery::Delivered,
                    ..entry
                }),
                Err(_) => false,
            },
            Event::Read { ids, read, at } => ids.into_iter().fold(false, |any, id| {
                let id = NotificationId::new(id);
                // Decided before a change of this browser's that the server has not heard yet:
                // that change wins when it arrives, so the screen keeps it meanwhile.
                if at.is_some_and(|at| self.changed_here_after(&id, Some(at))) {
                    return any;
                }
                let dismissed = read && self.popups.dismiss(&id);
                (self.center.set_read(&id, read) && self.journal_put(&id)) | dismissed | any
            }),
            Event::Removed { ids } => ids.into_iter().fold(false, |any, id| {
                let id = NotificationId::new(id);
                let dismissed = self.popups.dismiss(&id);
                let removed = self.center.remove(&id).map(|_| Change::Delete(id));
                self.journal_all(removed) | dismissed | any
            }),
            // While a change made here waits to be sent, it is newer than what the server says.
            Event::Preferences { .. }
                if self
                    .sync
                    .iter()
                    .any(|q| matches!(q.op, SyncOp::Preferences(_))) =>
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

    /// Takes the server's state of an entry, unless this browser still has it waiting to be sent,
    /// or a change to it that the server has not heard yet (a removed entry stays removed; a read
    /// stays read until the server has decided).
    fn merge(&mut self, entry: Entry) -> bool {
        let id = entry.id().clone();
        if self
            .center
            .get(&id)
            .is_some_and(|local| local.delivery == Delivery::Pending)
            || self.changed_here_after(&id, None)
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
