//! The pop-up stack: at most [`MAX_VISIBLE`] on screen, the rest waiting in arrival order, and a
//! repeat of a pop-up that is showing (or last in line) counted into it instead of stacking.
//!
//! Under a flood the line is kept short. Errors and calls (`add_*`, and pop-ups that stay until
//! closed) always wait their turn. A pop-up that closes by itself and is not kept in the center is
//! interface-only: when it has waited longer than its own lifetime it is dropped unseen, and at most
//! [`MAX_WAITING_TRANSIENT`] of them wait at once (the oldest, the first to go stale, makes room).
//! The two kinds wait in two queues, merged by arrival order, so every step is O(1) amortised.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::notification::{Notification, NotificationId};

/// How many pop-ups are on screen at once.
pub const MAX_VISIBLE: usize = 5;

/// How many self-closing, interface-only pop-ups may wait for a place on screen at once.
pub const MAX_WAITING_TRANSIENT: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub struct Popup {
    pub notification: Rc<Notification>,
    /// How many times it was fired while showing (×N); each repeat restarts its timer.
    pub count: u32,
    /// Arrival order, across both queues.
    seq: u64,
    /// When it joined the line (or, on screen, when it was shown), ms since the epoch.
    since_ms: f64,
}

impl Popup {
    /// How long it may wait before it is dropped unseen; `None` for one that must be seen.
    fn lifetime_ms(notification: &Notification) -> Option<f64> {
        if notification.method.is_stored() {
            return None;
        }
        notification.timeout_ms.map(f64::from)
    }

    fn is_stale(&self, now_ms: f64) -> bool {
        Self::lifetime_ms(&self.notification)
            .is_some_and(|lifetime| now_ms - self.since_ms > lifetime)
    }
}

#[derive(Debug, Default)]
pub struct Popups {
    /// Oldest first: the newest is the one Escape dismisses.
    visible: Vec<Popup>,
    /// Errors and calls: they wait however long it takes.
    waiting_kept: VecDeque<Popup>,
    /// Interface-only pop-ups with a lifetime.
    waiting_transient: VecDeque<Popup>,
    next_seq: u64,
}

impl Popups {
    pub fn push(&mut self, notification: Rc<Notification>, now_ms: f64) {
        let last_in_line = match (self.waiting_kept.back(), self.waiting_transient.back()) {
            (Some(kept), Some(transient)) if kept.seq > transient.seq => {
                self.waiting_kept.back_mut()
            }
            (_, Some(_)) => self.waiting_transient.back_mut(),
            (Some(_), None) => self.waiting_kept.back_mut(),
            (None, None) => None,
        };
        let repeat_of = self
            .visible
            .iter_mut()
            .chain(last_in_line)
            .find(|popup| notification.is_repeat_of(&popup.notification));
        if let Some(popup) = repeat_of {
            popup.count += 1;
            popup.since_ms = now_ms;
            return;
        }
        let transient = Popup::lifetime_ms(&notification).is_some();
        self.next_seq += 1;
        let popup = Popup {
            notification,
            count: 1,
            seq: self.next_seq,
            since_ms: now_ms,
        };
        if self.visible.len() < MAX_VISIBLE {
            self.visible.push(popup);
        } else if transient {
            if self.waiting_transient.len() == MAX_WAITING_TRANSIENT {
                self.waiting_transient.pop_front();
            }
            self.waiting_transient.push_back(popup);
        } else {
            self.waiting_kept.push_back(popup);
        }
    }

    /// Removes a pop-up from the screen (or the line) and lets the next waiting one in.
    pub fn dismiss(&mut self, id: &NotificationId, now_ms: f64) -> bool {
        if let Some(at) = self.visible.iter().position(|p| &p.notification.id == id) {
            self.visible.remove(at);
            self.promote(now_ms);
            return true;
        }
        for queue in [&mut self.waiting_kept, &mut self.waiting_transient] {
            if let Some(at) = queue.iter().position(|p| &p.notification.id == id) {
                queue.remove(at);
                return true;
            }
        }
        false
    }

    pub fn dismiss_newest(&mut self, now_ms: f64) -> bool {
        match self.visible.last() {
            Some(newest) => {
                let id = newest.notification.id.clone();
                self.dismiss(&id, now_ms)
            }
            None => false,
        }
    }

    fn promote(&mut self, now_ms: f64) {
        while self.visible.len() < MAX_VISIBLE {
            let Some(mut next) = self.next_in_line() else {
                break;
            };
            if next.is_stale(now_ms) {
                continue;
            }
            // Its lifetime on screen starts now.
            next.since_ms = now_ms;
            self.visible.push(next);
        }
    }

    /// The pop-up that arrived first of both queues.
    fn next_in_line(&mut self) -> Option<Popup> {
        match (self.waiting_kept.front(), self.waiting_transient.front()) {
            (Some(kept), Some(transient)) if transient.seq < kept.seq => {
                self.waiting_transient.pop_front()
            }
            (Some(_), _) => self.waiting_kept.pop_front(),
            (None, _) => self.waiting_transient.pop_front(),
        }
    }

    pub fn visible(&self) -> &[Popup] {
        &self.visible
    }

    /// How many are waiting (some self-closing ones may be dropped unseen when their turn comes).
    pub fn waiting(&self) -> usize {
        self.waiting_kept.len() + self.waiting_transient.len()
    }

    /// How many are waiting that will still be shown at `now_ms`: those that went stale while
    /// waiting are dropped unseen when their turn comes, so the "+N more" hint does not count them.
    /// (At most [`MAX_WAITING_TRANSIENT`] to look at.)
    pub fn waiting_to_show(&self, now_ms: f64) -> usize {
        self.waiting_kept.len()
            + self
                .waiting_transient
                .iter()
                .filter(|popup| !popup.is_stale(now_ms))
                .count()
    }
}
