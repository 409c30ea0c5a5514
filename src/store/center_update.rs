//! The center's actions and their reducer: what the widgets publish, what the person does in the
//! center, and what the other tabs, storage and the server say of its entries. It changes the
//! center alone; the pop-ups to show or to close and the changes the server must hear go back as
//! effects ([`Applied`]), which the model routes to their slices.

use std::collections::HashSet;
use std::rc::Rc;

use amocrm_notify_protocol::http_api::Event;

use super::center::{Center, Delivery, Entry, Filter};
use super::effects::{Applied, Change, WidgetEvent};
use super::link::Link;
use super::record::entry_of;
use super::sync::SyncOp;
use crate::notification::{Notification, NotificationId};

#[derive(Clone, Debug, PartialEq)]
pub enum CenterAction {
    /// A validated notification from this tab's API: a pop-up, plus a center entry for `add_*`.
    Publish(Rc<Notification>),
    /// The entry was opened (read), or marked read or unread by hand.
    SetRead(NotificationId, bool),
    /// The person opened a pop-up or a center entry: its widget's notification callback runs.
    Opened(Rc<Notification>),
    Remove(NotificationId),
    /// Open the center on this entry (a system or push notification's click), once it has it.
    Reveal(NotificationId),
    /// The center took the request to open on an entry.
    Revealed,
    /// "Mark all as read" on a filter.
    MarkAllRead(Filter),
    /// "Clear read" on a filter.
    ClearRead(Filter),
    /// The entry's place among those waiting for the server changed.
    SetDelivery(NotificationId, Delivery),
    /// The server refused the entry for good (why): it stays in this browser only.
    Refused(NotificationId, String),
    /// The server is not taking notifications (why), or takes them again (`None`).
    Undelivered(Option<String>),
    /// Changes made in another tab: applied, not journaled again.
    Apply(Vec<Change>),
    /// The stored history, read at start-up: added where not here already (what this tab or
    /// another has done since is newer than what was read), not journaled.
    Restore(Vec<Entry>),
    /// Entries the account's server pushed: added where new, and journaled (stored, and sent to
    /// the other tabs, which ignore the ones their own stream brought first).
    Receive(Vec<Entry>),
    /// An event of the person's stream: a change made on another device, or this one's coming
    /// back (applied where it changes anything; stored and sent to the other tabs).
    Synced(Event),
    /// A page of the person's history from the server: entries it has, in the state it has them
    /// (an entry still waiting to be sent keeps its own).
    Merge(Vec<Entry>),
    /// The ids of the person's whole history on the server, once its pages were merged: entries
    /// this browser had from the server that it no longer has leave (removed on another device
    /// while this one was away).
    Resync(HashSet<NotificationId>),
}

impl Center {
    /// Applies `action`. `delivers`: a server takes notifications; `link` says which entries have
    /// changes waiting for it.
    pub(super) fn update(&mut self, action: CenterAction, delivers: bool, link: &Link) -> Applied {
        let mut out = Applied::none();
        out.changed = match action {
            CenterAction::Publish(notification) => self.publish(notification, delivers, &mut out),
            CenterAction::SetRead(id, read) => self.read_one(id, read, &mut out),
            CenterAction::Opened(notification) => {
                out.widgets.push(WidgetEvent::Opened(notification));
                false
            }
            CenterAction::Remove(id) => self.remove_one(id, &mut out),
            CenterAction::Reveal(id) => super::replace(&mut self.reveal, Some(id)),
            CenterAction::Revealed => self.reveal.take().is_some(),
            CenterAction::MarkAllRead(filter) => {
                let marked = self.mark_all_read(filter);
                let ids: Vec<NotificationId> = marked.iter().map(|e| e.id().clone()).collect();
                out.journal.extend(marked.into_iter().map(Change::Put));
                told(SyncOp::ReadAll(filter), ids, &mut out)
            }
            CenterAction::ClearRead(filter) => {
                let removed = self.clear_read(filter);
                out.journal
                    .extend(removed.iter().cloned().map(Change::Delete));
                told(SyncOp::ClearRead(filter), removed, &mut out)
            }
            CenterAction::SetDelivery(id, delivery) => {
                let heard = match delivery {
                    Delivery::Delivered => Some(WidgetEvent::Delivered(id.clone())),
                    Delivery::Local => Some(WidgetEvent::Dropped(id.clone())),
                    Delivery::Pending => None,
                };
                self.settle(&id, delivery, heard, &mut out)
            }
            CenterAction::Refused(id, why) => {
                let heard = WidgetEvent::Refused(id.clone(), why);
                self.settle(&id, Delivery::Local, Some(heard), &mut out)
            }
            CenterAction::Undelivered(why) => {
                if let Some(why) = &why {
                    out.widgets.push(WidgetEvent::Waiting(why.clone()));
                }
                self.undelivered = why;
                false
            }
            CenterAction::Apply(changes) => self.apply_changes(changes, &mut out),
            CenterAction::Restore(entries) => self.restore(entries),
            CenterAction::Receive(entries) => entries.into_iter().fold(false, |any, entry| {
                let id = entry.id().clone();
                (self.insert(entry) && self.journal_put(&id, &mut out)) | any
            }),
            CenterAction::Synced(event) => self.apply_event(event, link, &mut out),
            CenterAction::Merge(entries) => entries
                .into_iter()
                .fold(false, |any, entry| self.merge(entry, link, &mut out) | any),
            CenterAction::Resync(kept) => self.resync(&kept, &mut out),
        };
        out
    }

    /// Read (or unread) in the center: its pop-up has been seen, and the server is told.
    fn read_one(&mut self, id: NotificationId, read: bool, out: &mut Applied) -> bool {
        if read {
            out.seen.push(id.clone());
        }
        let changed = self.set_read(&id, read) && self.journal_put(&id, out);
        if changed {
            out.tell
                .push((SyncOp::Read(vec![id.clone()], read), vec![id]));
        }
        changed
    }

    /// Removed in the center; the server is told.
    fn remove_one(&mut self, id: NotificationId, out: &mut Applied) -> bool {
        let removed = self.remove_journaled(&id, out);
        if removed {
            out.tell.push((SyncOp::Remove(id.clone()), vec![id]));
        }
        removed
    }

    /// Another tab's changes. Read or removed there: its pop-up here has been dealt with too.
    fn apply_changes(&mut self, changes: Vec<Change>, out: &mut Applied) -> bool {
        changes.into_iter().fold(false, |any, change| {
            let changed = match change {
                Change::Put(entry) => {
                    if entry.read {
                        out.seen.push(entry.id().clone());
                    }
                    self.upsert(entry)
                }
                Change::Delete(id) => {
                    let removed = self.remove(&id).is_some();
                    out.seen.push(id);
                    removed
                }
            };
            any | changed
        })
    }

    /// The entries this browser kept; those still waiting for the server wait again.
    fn restore(&mut self, entries: Vec<Entry>) -> bool {
        entries.into_iter().fold(false, |any, entry| {
            let (id, pending) = (entry.id().clone(), entry.delivery == Delivery::Pending);
            let added = self.insert(entry);
            if added && pending {
                self.unsent.push_back(id);
            }
            added | any
        })
    }

    /// The server's whole history is `kept`: the entries it delivered that it no longer has leave.
    fn resync(&mut self, kept: &HashSet<NotificationId>, out: &mut Applied) -> bool {
        let gone: Vec<NotificationId> = self
            .newest_first()
            .filter(|e| e.delivery == Delivery::Delivered && !kept.contains(e.id()))
            .map(|e| e.id().clone())
            .collect();
        let removed = gone.into_iter().filter(|id| self.remove(id).is_some());
        out.journal.extend(removed.map(Change::Delete));
        !out.journal.is_empty()
    }

    /// A new notification: a pop-up, and for `add_*` an entry, waiting for the server when one
    /// takes them. Whether anything changed (not when the entry is here already).
    fn publish(
        &mut self,
        notification: Rc<Notification>,
        delivers: bool,
        out: &mut Applied,
    ) -> bool {
        if notification.method.is_stored() {
            let delivery = if delivers {
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
            if !self.insert(entry) {
                return false;
            }
            let id = notification.id.clone();
            if delivery == Delivery::Pending {
                self.unsent.push_back(id);
                if let Some(why) = &self.undelivered {
                    out.widgets.push(WidgetEvent::Waiting(why.clone()));
                }
            } else {
                out.widgets.push(WidgetEvent::Delivered(id));
            }
            out.published.push(Rc::clone(&notification));
            out.journal.push(Change::Put(journaled));
        }
        out.popup = Some(notification);
        true
    }

    /// The entry `id`'s place among those waiting for the server is `delivery` now; its widget
    /// hears `heard`. Whether the entry changed.
    fn settle(
        &mut self,
        id: &NotificationId,
        delivery: Delivery,
        heard: Option<WidgetEvent>,
        out: &mut Applied,
    ) -> bool {
        if delivery != Delivery::Pending {
            self.unsent.retain(|queued| queued != id);
        }
        out.widgets.extend(heard);
        self.set_delivery(id, delivery) && self.journal_put(id, out)
    }

    /// Removes the entry `id`, here or on another device, journaled; its pop-up closes too.
    /// Whether it was here.
    fn remove_journaled(&mut self, id: &NotificationId, out: &mut Applied) -> bool {
        out.seen.push(id.clone());
        let removed = self.remove(id).is_some();
        if removed {
            out.journal.push(Change::Delete(id.clone()));
        }
        removed
    }

    /// Applies an event of the person's stream; whether anything changed.
    fn apply_event(&mut self, event: Event, link: &Link, out: &mut Applied) -> bool {
        match event {
            Event::Entry { entry } => match entry_of(*entry) {
                Ok(entry) => self.merge(
                    Entry {
                        delivery: Delivery::Delivered,
                        ..entry
                    },
                    link,
                    out,
                ),
                Err(_) => false,
            },
            Event::Read { ids, read, at } => ids.into_iter().fold(false, |any, id| {
                let id = NotificationId::new(id);
                // Decided before a change of this browser's that the server has not heard yet:
                // that change wins when it arrives, so the screen keeps it meanwhile.
                if at.is_some_and(|at| link.changed_here_after(&id, Some(at))) {
                    return any;
                }
                if read {
                    out.seen.push(id.clone());
                }
                (self.set_read(&id, read) && self.journal_put(&id, out)) | any
            }),
            Event::Removed { ids } => ids.into_iter().fold(false, |any, id| {
                self.remove_journaled(&NotificationId::new(id), out) | any
            }),
            // For the model: shown, or held while a change made here waits (see `Model::route`).
            Event::Preferences { preferences } => {
                out.server_preferences = Some(preferences);
                false
            }
            Event::Delivery { id, status } => {
                let id = NotificationId::new(id);
                self.set_sent(&id, status) && self.journal_put(&id, out)
            }
            // The stream reloads the history; nothing here changes by itself.
            Event::Reset => false,
        }
    }

    /// Takes the server's state of an entry, unless this browser still has it waiting to be sent,
    /// or a change to it that the server has not heard yet (a removed entry stays removed; a read
    /// stays read until the server has decided).
    fn merge(&mut self, entry: Entry, link: &Link, out: &mut Applied) -> bool {
        let id = entry.id().clone();
        if self
            .get(&id)
            .is_some_and(|local| local.delivery == Delivery::Pending)
            || link.changed_here_after(&id, None)
        {
            return false;
        }
        self.upsert(entry) && self.journal_put(&id, out)
    }

    /// Journals the entry `id` as it now is (it just changed); true.
    fn journal_put(&self, id: &NotificationId, out: &mut Applied) -> bool {
        out.journal.extend(self.get(id).cloned().map(Change::Put));
        true
    }
}

/// After `op` changed the entries `ids` here (journaled in `out`): their pop-ups close, and
/// the server hears of it. Whether anything changed.
fn told(op: SyncOp, ids: Vec<NotificationId>, out: &mut Applied) -> bool {
    if ids.is_empty() {
        return false;
    }
    out.seen.extend(ids.iter().cloned());
    out.tell.push((op, ids));
    true
}
