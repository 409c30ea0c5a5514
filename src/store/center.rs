//! The notification center's history: every `add_*` notification with its read state.
//!
//! Entries are kept sorted by date (ties broken by id), the way the vendor's center lists them, so
//! day groups are contiguous and every tab orders the same entries the same way. Adding a current
//! notification appends; finding, marking and removing go through an index by id; counts per
//! filter are kept up to date, so the bell and the filter tabs never scan the history.

use std::cmp::Ordering;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use crate::notification::{Kind, Notification, NotificationId};

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub notification: Rc<Notification>,
    pub read: bool,
    /// Sent to the account's server, or waiting in the outbox for it.
    pub delivery: Delivery,
    /// Where the server sent it beyond the interface (email, push), one status per channel.
    pub sent: Vec<ChannelStatus>,
}

use amocrm_notify_protocol::http_api::ChannelStatus;
use amocrm_notify_protocol::record::entry_order;
/// Where an entry stands with the account's server: the protocol's, as records carry it.
pub use amocrm_notify_protocol::Delivery;

impl Entry {
    pub fn unread(notification: Rc<Notification>) -> Self {
        Entry {
            notification,
            read: false,
            delivery: Delivery::Local,
            sent: Vec::new(),
        }
    }

    pub fn id(&self) -> &NotificationId {
        &self.notification.id
    }
}

/// The center's filter tabs: the protocol's, as the server's queries take them.
pub use amocrm_notify_protocol::http_api::Filter;

impl Entry {
    /// Whether the filter tab `filter` lists this entry.
    pub fn is_shown_by(&self, filter: Filter) -> bool {
        match filter {
            Filter::All => true,
            Filter::Unread => !self.read,
            Filter::Errors => self.notification.kind != Kind::Call,
            Filter::Calls => self.notification.kind == Kind::Call,
        }
    }
}

/// FNV-1a: the index hashes a short id on every call, and the standard SipHash (built to resist
/// keys chosen to collide, which a page's own notifications cannot usefully be) cost twice as much.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn compare(a: &Notification, b: &Notification) -> Ordering {
    entry_order((a.date_ms, a.id.as_str()), (b.date_ms, b.id.as_str()))
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    unread: usize,
    calls: usize,
}

#[derive(Debug, Default)]
pub struct Center {
    /// Oldest first; the panel reads it from the end.
    entries: Vec<Entry>,
    /// Each entry's notification, by id: enough to find its place by binary search.
    index: HashMap<NotificationId, Rc<Notification>, BuildHasherDefault<Fnv>>,
    counts: Counts,
    /// Entries waiting for the account's server to accept them, oldest first.
    pub unsent: VecDeque<NotificationId>,
    /// Why the server is not taking this tab's notifications now, while it is not.
    pub undelivered: Option<String>,
    /// The entry the center is asked to open on (a system or push notification's click), until
    /// the center takes the request: it may mount, and the entry arrive, after it was made.
    pub reveal: Option<NotificationId>,
}

impl Center {
    /// Adds `entry` as it is (read or not); false when its id is already here.
    pub fn insert(&mut self, entry: Entry) -> bool {
        if self.index.contains_key(entry.id()) {
            return false;
        }
        let new = &entry.notification;
        // A current notification sorts last: check the end before searching.
        let at = match self.entries.last() {
            Some(last) if compare(&last.notification, new) == Ordering::Greater => self
                .entries
                .partition_point(|e| compare(&e.notification, new) == Ordering::Less),
            _ => self.entries.len(),
        };
        self.count(&entry, 1);
        self.index.insert(entry.id().clone(), Rc::clone(new));
        self.entries.insert(at, entry);
        true
    }

    /// Inserts `entry`, or brings the one with its id to its read and delivery state. True when
    /// anything changed.
    pub fn upsert(&mut self, entry: Entry) -> bool {
        match self.position(entry.id()) {
            None => self.insert(entry),
            Some(at) => {
                let current = &self.entries[at];
                let changed = current.read != entry.read
                    || current.delivery != entry.delivery
                    || current.sent != entry.sent;
                if changed {
                    let (read, delivery) = (entry.read, entry.delivery);
                    self.set_read_at(at, read);
                    self.entries[at].delivery = delivery;
                    self.entries[at].sent = entry.sent;
                }
                changed
            }
        }
    }

    pub fn get(&self, id: &NotificationId) -> Option<&Entry> {
        self.position(id).map(|at| &self.entries[at])
    }

    /// False when there is no such entry or it is in that state already.
    pub fn set_read(&mut self, id: &NotificationId, read: bool) -> bool {
        match self.position(id) {
            Some(at) => self.set_read_at(at, read),
            None => false,
        }
    }

    /// False when there is no such entry or it is in that state already.
    pub fn set_delivery(&mut self, id: &NotificationId, delivery: Delivery) -> bool {
        match self.position(id) {
            Some(at) if self.entries[at].delivery != delivery => {
                self.entries[at].delivery = delivery;
                true
            }
            _ => false,
        }
    }

    /// Records what became of the entry on a channel (replacing that channel's last status).
    pub fn set_sent(&mut self, id: &NotificationId, status: ChannelStatus) -> bool {
        let Some(at) = self.position(id) else {
            return false;
        };
        let sent = &mut self.entries[at].sent;
        if sent.contains(&status) {
            return false;
        }
        sent.retain(|s| s.channel != status.channel);
        sent.push(status);
        true
    }

    pub fn remove(&mut self, id: &NotificationId) -> Option<Entry> {
        let at = self.position(id)?;
        let entry = self.entries.remove(at);
        self.index.remove(id);
        self.count(&entry, -1);
        Some(entry)
    }

    /// Marks every unread entry the filter shows as read; returns them.
    pub fn mark_all_read(&mut self, filter: Filter) -> Vec<Entry> {
        let mut changed = Vec::new();
        for entry in self.entries.iter_mut() {
            if !entry.read && entry.is_shown_by(filter) {
                entry.read = true;
                changed.push(entry.clone());
            }
        }
        self.counts.unread -= changed.len();
        changed
    }

    /// Removes every read entry the filter shows; returns their ids.
    pub fn clear_read(&mut self, filter: Filter) -> Vec<NotificationId> {
        let mut removed = Vec::new();
        self.entries.retain(|entry| {
            let gone = entry.read && entry.is_shown_by(filter);
            if gone {
                removed.push(entry.id().clone());
            }
            !gone
        });
        for id in &removed {
            self.index.remove(id);
        }
        self.recount();
        removed
    }

    /// How many entries the filter shows.
    pub fn count_of(&self, filter: Filter) -> usize {
        match filter {
            Filter::All => self.entries.len(),
            Filter::Unread => self.counts.unread,
            Filter::Errors => self.entries.len() - self.counts.calls,
            Filter::Calls => self.counts.calls,
        }
    }

    /// How many read entries the filter shows.
    pub fn read_count_of(&self, filter: Filter) -> usize {
        match filter {
            Filter::Unread => 0,
            Filter::All => self.entries.len() - self.counts.unread,
            _ => self
                .entries
                .iter()
                .filter(|e| e.read && e.is_shown_by(filter))
                .count(),
        }
    }

    pub fn unread(&self) -> usize {
        self.counts.unread
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().rev()
    }

    /// The entries the filter shows, newest first.
    pub fn view(&self, filter: Filter) -> Vec<Entry> {
        self.newest_first()
            .filter(|e| e.is_shown_by(filter))
            .cloned()
            .collect()
    }

    fn position(&self, id: &NotificationId) -> Option<usize> {
        let notification = self.index.get(id)?;
        let at = self
            .entries
            .partition_point(|e| compare(&e.notification, notification) == Ordering::Less);
        (self.entries.get(at)?.id() == id).then_some(at)
    }

    fn set_read_at(&mut self, at: usize, read: bool) -> bool {
        let entry = &mut self.entries[at];
        if entry.read == read {
            return false;
        }
        entry.read = read;
        if read {
            self.counts.unread -= 1;
        } else {
            self.counts.unread += 1;
        }
        true
    }

    fn count(&mut self, entry: &Entry, sign: isize) {
        let step = |n: &mut usize| *n = n.wrapping_add_signed(sign);
        if !entry.read {
            step(&mut self.counts.unread);
        }
        if entry.notification.kind == Kind::Call {
            step(&mut self.counts.calls);
        }
    }

    fn recount(&mut self) {
        self.counts = Counts {
            unread: self.entries.iter().filter(|e| !e.read).count(),
            calls: self
                .entries
                .iter()
                .filter(|e| e.notification.kind == Kind::Call)
                .count(),
        };
    }
}
