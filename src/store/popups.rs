//! The pop-up stack: the newest pop-ups on screen, at most [`MAX_VISIBLE`] and no more than the
//! screen has room for ([`Popups::set_room`]), the older ones waiting behind the "+N more" hint.
//! A repeat of a pop-up that is showing is counted into it (×N) instead of stacking.
//!
//! The newest is always on screen at once: a ringing call never waits behind stale errors. When a
//! new one arrives on a full screen, the oldest on screen steps back into the line; when one
//! closes, the newest in line comes back. Errors and calls (`add_*`, and pop-ups that stay until
//! closed) wait however long it takes. A pop-up that closes by itself and is not kept in the
//! center is interface-only: when it has waited longer than its own lifetime it is dropped unseen,
//! and at most [`MAX_WAITING_TRANSIENT`] of them wait at once (the oldest makes room). The two
//! kinds wait in two queues, oldest first, merged by arrival order, so every step is O(1)
//! amortised.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::notification::{Notification, NotificationId};

/// How many pop-ups are on screen at once, at most.
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

    fn is_transient(&self) -> bool {
        Self::lifetime_ms(&self.notification).is_some()
    }

    fn is_stale(&self, now_ms: f64) -> bool {
        Self::lifetime_ms(&self.notification)
            .is_some_and(|lifetime| now_ms - self.since_ms > lifetime)
    }
}

#[derive(Debug, Default)]
pub struct Popups {
    /// Oldest first: the newest (last) is the one Escape dismisses.
    visible: Vec<Popup>,
    /// Errors and calls, oldest first: they wait however long it takes. All older than `visible`.
    waiting_kept: VecDeque<Popup>,
    /// Interface-only pop-ups with a lifetime, oldest first. All older than `visible`.
    waiting_transient: VecDeque<Popup>,
    next_seq: u64,
    /// How many fit on screen, as the stack last measured it; `None`: not measured.
    room: Option<usize>,
}

impl Popups {
    pub fn push(&mut self, notification: Rc<Notification>, now_ms: f64) {
        let repeat_of = self
            .visible
            .iter_mut()
            .find(|popup| notification.is_repeat_of(&popup.notification));
        if let Some(popup) = repeat_of {
            popup.count += 1;
            popup.since_ms = now_ms;
            return;
        }
        self.next_seq += 1;
        self.visible.push(Popup {
            notification,
            count: 1,
            seq: self.next_seq,
            since_ms: now_ms,
        });
        self.fit(now_ms);
    }

    /// How many pop-ups the screen has room for (at least one, at most [`MAX_VISIBLE`]); the
    /// oldest on screen step back into the line, or come back, to match. Whether that changed.
    pub fn set_room(&mut self, room: usize, now_ms: f64) -> bool {
        let room = room.clamp(1, MAX_VISIBLE);
        if self.room == Some(room) {
            return false;
        }
        self.room = Some(room);
        self.fit(now_ms);
        true
    }

    fn limit(&self) -> usize {
        self.room.unwrap_or(MAX_VISIBLE)
    }

    /// Moves the oldest on screen into the line while there are too many, and brings the newest
    /// in line back while there is room.
    fn fit(&mut self, now_ms: f64) {
        while self.visible.len() > self.limit() {
            let mut oldest = self.visible.remove(0);
            oldest.since_ms = now_ms;
            if oldest.is_transient() {
                if self.waiting_transient.len() == MAX_WAITING_TRANSIENT {
                    self.waiting_transient.pop_front();
                }
                self.waiting_transient.push_back(oldest);
            } else {
                self.waiting_kept.push_back(oldest);
            }
        }
        while self.visible.len() < self.limit() {
            let Some(mut next) = self.newest_in_line() else {
                break;
            };
            if next.is_stale(now_ms) {
                continue;
            }
            // Its lifetime on screen starts now.
            next.since_ms = now_ms;
            self.visible.insert(0, next);
        }
    }

    /// Removes a pop-up from the screen (or the line) and lets the next waiting one in.
    pub fn dismiss(&mut self, id: &NotificationId, now_ms: f64) -> bool {
        let gone = self.remove(|popup| &popup.notification.id == id);
        if gone {
            self.fit(now_ms);
        }
        gone
    }

    /// Removes every pop-up, on screen and in line, whose entry is among `ids` (read or removed in
    /// the center).
    pub fn dismiss_entries(&mut self, ids: &[NotificationId], now_ms: f64) -> bool {
        if ids.is_empty() {
            return false;
        }
        let ids: std::collections::HashSet<&NotificationId> = ids.iter().collect();
        let gone = self.remove(|popup| ids.contains(&popup.notification.id));
        if gone {
            self.fit(now_ms);
        }
        gone
    }

    /// "Dismiss all": the screen and the line are cleared.
    pub fn dismiss_all(&mut self) -> bool {
        let any = !self.visible.is_empty() || self.waiting() > 0;
        self.visible.clear();
        self.waiting_kept.clear();
        self.waiting_transient.clear();
        self.room = None;
        any
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

    fn remove(&mut self, gone: impl Fn(&Popup) -> bool) -> bool {
        let before = self.visible.len() + self.waiting();
        self.visible.retain(|popup| !gone(popup));
        self.waiting_kept.retain(|popup| !gone(popup));
        self.waiting_transient.retain(|popup| !gone(popup));
        self.forget_room_when_empty();
        self.visible.len() + self.waiting() != before
    }

    /// An empty stack forgets the room it measured: the next pop-ups may be shorter, and are
    /// measured afresh.
    fn forget_room_when_empty(&mut self) {
        if self.visible.is_empty() && self.waiting() == 0 {
            self.room = None;
        }
    }

    /// The pop-up that arrived last of both queues.
    fn newest_in_line(&mut self) -> Option<Popup> {
        if self.newest_waiting_is_transient()? {
            self.waiting_transient.pop_back()
        } else {
            self.waiting_kept.pop_back()
        }
    }

    /// Which queue the newest waiting pop-up is in (true: the transient one); `None` when none waits.
    fn newest_waiting_is_transient(&self) -> Option<bool> {
        match (self.waiting_kept.back(), self.waiting_transient.back()) {
            (Some(kept), Some(transient)) => Some(transient.seq > kept.seq),
            (Some(_), None) => Some(false),
            (None, Some(_)) => Some(true),
            (None, None) => None,
        }
    }

    /// The id of the pop-up that would come back next if there were room.
    pub fn newest_waiting_id(&self) -> Option<String> {
        let newest = if self.newest_waiting_is_transient()? {
            self.waiting_transient.back()
        } else {
            self.waiting_kept.back()
        };
        newest.map(|popup| popup.notification.id.to_string())
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
