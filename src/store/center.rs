//! The notification center's history: every `add_*` notification with its read state.
//!
//! Entries are appended in arrival order and found by id through an index, so adding, marking read
//! and counting unread are O(1) whatever the history's length.

use std::collections::HashMap;
use std::rc::Rc;

use crate::notification::{Notification, NotificationId};

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub notification: Rc<Notification>,
    pub read: bool,
}

#[derive(Debug, Default)]
pub struct Center {
    /// Oldest first; the panel reads it from the end.
    entries: Vec<Entry>,
    positions: HashMap<NotificationId, usize>,
    unread: usize,
}

impl Center {
    /// Adds an unread entry; false when an entry with that id is already here.
    pub fn add(&mut self, notification: Rc<Notification>) -> bool {
        if self.positions.contains_key(&notification.id) {
            return false;
        }
        self.positions
            .insert(notification.id.clone(), self.entries.len());
        self.entries.push(Entry {
            notification,
            read: false,
        });
        self.unread += 1;
        true
    }

    /// False when there is no such entry or it was read already.
    pub fn mark_read(&mut self, id: &NotificationId) -> bool {
        let Some(&at) = self.positions.get(id) else {
            return false;
        };
        let entry = &mut self.entries[at];
        if entry.read {
            return false;
        }
        entry.read = true;
        self.unread -= 1;
        true
    }

    pub fn mark_all_read(&mut self) -> bool {
        if self.unread == 0 {
            return false;
        }
        for entry in self.entries.iter_mut().rev().filter(|e| !e.read) {
            entry.read = true;
        }
        self.unread = 0;
        true
    }

    pub fn unread(&self) -> usize {
        self.unread
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
}
