//! The pop-up stack: the newest pop-ups on screen, at most [`MAX_VISIBLE`] and no more than the
//! screen has room for ([`Popups::set_room`]), the older ones waiting behind the "+N more" button.
//! A repeat of a pop-up that is showing is counted into it (×N) instead of stacking.
//!
//! The newest is always on screen at once, but for one rule: **a call rings in front**. A call is
//! the pop-up a person must act on within seconds, so while it rings (until it is opened or closed,
//! or its own `timeout` passes) it keeps its place on screen: when a new one arrives on a full
//! screen, the oldest on screen that is not a call steps back into the line, and when one closes,
//! a waiting call comes back before anything else, then the newest in line. On a phone's deck (room
//! for one) the ringing call is the one in front. A pop-up's lifetime runs only while it is on screen (its
//! countdown is the pop-up's own, [`crate::components::Popup`]): one that waits is never dropped
//! for having waited. The line is bounded for the interface-only pop-ups that close by themselves:
//! at most [`MAX_WAITING_TRANSIENT`] of them wait at once (the oldest makes room); errors and calls
//! all wait. The two kinds wait in two queues, oldest first, merged by arrival order, so every step
//! is O(1) amortised.
//!
//! "+N more" expands the stack ([`Popups::set_expanded`]): every pop-up, waiting ones too, in one
//! scrolling column, with every countdown held until it collapses again.

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
    /// Shown whole ("Show all"): nothing cut, and its countdown held while it is read.
    pub whole: bool,
    /// Arrival order, across both queues.
    seq: u64,
}

impl Popup {
    /// A call: it keeps its place on screen while it rings.
    fn is_call(&self) -> bool {
        self.notification.kind == crate::notification::Kind::Call
    }

    /// Interface-only and closing by itself: the kind whose line is bounded.
    fn is_transient(&self) -> bool {
        !self.notification.method.is_stored() && self.notification.timeout_ms.is_some()
    }
}

/// Where a waiting pop-up is: in the kept line (at its index), or last in the transient one.
enum Place {
    Kept(usize),
    Transient,
}

/// What changes the pop-ups alone (a new one comes with [`Action::Publish`](super::Action::Publish),
/// and one seen in the center leaves with it).
#[derive(Clone, Debug, PartialEq)]
pub enum PopupAction {
    /// The pop-up was closed, timed out or clicked through.
    Dismiss(NotificationId),
    /// Escape: close the newest pop-up on screen.
    DismissNewest,
    /// "Dismiss all": close every pop-up, on screen and waiting.
    DismissAll,
    /// The stack measured how many pop-ups fit on screen.
    SetRoom(usize),
    /// "+N more" (true) shows every pop-up, waiting ones too; "Show fewer" (false) collapses.
    Expand(bool),
    /// "Show all" on a pop-up cut short (`true`), or "Show less".
    ShowWhole(NotificationId, bool),
}

#[derive(Debug, Default)]
pub struct Popups {
    /// Oldest first: the newest (last) is the one Escape dismisses.
    visible: Vec<Popup>,
    /// Errors and calls, oldest first: they wait however long it takes. All older than `visible`
    /// but for the calls on screen, which keep their place.
    waiting_kept: VecDeque<Popup>,
    /// Interface-only pop-ups with a lifetime, oldest first. All older than `visible`, as above.
    waiting_transient: VecDeque<Popup>,
    next_seq: u64,
    /// How many fit on screen, as the stack last measured it; `None`: not measured.
    room: Option<usize>,
    /// Every pop-up shown, waiting ones too ("+N more" was pressed), until collapsed.
    expanded: bool,
}

impl Popups {
    /// Applies `action`; whether anything shown changed.
    pub fn apply(&mut self, action: PopupAction) -> bool {
        match action {
            PopupAction::Dismiss(id) => self.dismiss(&id),
            PopupAction::DismissNewest => self.dismiss_newest(),
            PopupAction::DismissAll => self.dismiss_all(),
            PopupAction::SetRoom(room) => self.set_room(room),
            PopupAction::Expand(expanded) => self.set_expanded(expanded),
            PopupAction::ShowWhole(id, whole) => self.show_whole(&id, whole),
        }
    }

    pub fn push(&mut self, notification: Rc<Notification>) {
        let repeat_of = self
            .visible
            .iter_mut()
            .find(|popup| notification.is_repeat_of(&popup.notification));
        if let Some(popup) = repeat_of {
            popup.count += 1;
            return;
        }
        self.next_seq += 1;
        self.visible.push(Popup {
            notification,
            count: 1,
            whole: false,
            seq: self.next_seq,
        });
        self.fit();
    }

    /// How many pop-ups the screen has room for (at least one, at most [`MAX_VISIBLE`]); the
    /// oldest on screen step back into the line, or come back, to match. Whether that changed.
    pub fn set_room(&mut self, room: usize) -> bool {
        let room = room.clamp(1, MAX_VISIBLE);
        if self.room == Some(room) {
            return false;
        }
        self.room = Some(room);
        self.fit();
        true
    }

    /// Expands the stack to every pop-up, or collapses it back to those with room. Whether that
    /// changed anything. There is nothing to expand when none waits.
    pub fn set_expanded(&mut self, expanded: bool) -> bool {
        let expanded = expanded && self.waiting() > 0;
        let changed = self.expanded != expanded;
        self.expanded = expanded;
        changed
    }

    /// Shows the pop-up `id` whole, or cut short again; whether that changed anything.
    pub fn show_whole(&mut self, id: &NotificationId, whole: bool) -> bool {
        self.visible
            .iter_mut()
            .find(|popup| &popup.notification.id == id)
            .is_some_and(|popup| std::mem::replace(&mut popup.whole, whole) != whole)
    }

    pub fn is_expanded(&self) -> bool {
        self.expanded
    }

    fn limit(&self) -> usize {
        self.room.unwrap_or(MAX_VISIBLE)
    }

    /// Moves the oldest on screen into the line while there are too many, and brings the newest
    /// in line back while there is room.
    fn fit(&mut self) {
        while self.visible.len() > self.limit() {
            // A ringing call keeps its place: the oldest that is not a call steps back first.
            let at = self.visible.iter().position(|p| !p.is_call()).unwrap_or(0);
            let oldest = self.visible.remove(at);
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
            let Some(next) = self.next_in_line() else {
                break;
            };
            let at = self.visible.partition_point(|p| p.seq < next.seq);
            self.visible.insert(at, next);
        }
        if self.waiting() == 0 {
            self.expanded = false;
        }
    }

    /// Removes a pop-up from the screen (or the line) and lets the next waiting one in.
    pub fn dismiss(&mut self, id: &NotificationId) -> bool {
        let gone = self.remove(|popup| &popup.notification.id == id);
        if gone {
            self.fit();
        }
        gone
    }

    /// Removes every pop-up, on screen and in line, whose entry is among `ids` (read or removed in
    /// the center).
    pub fn dismiss_entries(&mut self, ids: &[NotificationId]) -> bool {
        if ids.is_empty() {
            return false;
        }
        let ids: std::collections::HashSet<&NotificationId> = ids.iter().collect();
        let gone = self.remove(|popup| ids.contains(&popup.notification.id));
        if gone {
            self.fit();
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
        self.expanded = false;
        any
    }

    pub fn dismiss_newest(&mut self) -> bool {
        match self.visible.last() {
            Some(newest) => {
                let id = newest.notification.id.clone();
                self.dismiss(&id)
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

    /// The pop-up that comes back next ([`Popups::next_place`]), out of its line.
    fn next_in_line(&mut self) -> Option<Popup> {
        match self.next_place()? {
            Place::Kept(at) => self.waiting_kept.remove(at),
            Place::Transient => self.waiting_transient.pop_back(),
        }
    }

    /// Where the pop-up that comes back next waits: the newest waiting call, else the one that
    /// arrived last of both lines.
    fn next_place(&self) -> Option<Place> {
        if let Some(at) = self.waiting_kept.iter().rposition(Popup::is_call) {
            return Some(Place::Kept(at));
        }
        Some(if self.newest_waiting_is_transient()? {
            Place::Transient
        } else {
            Place::Kept(self.waiting_kept.len() - 1)
        })
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
        let popup = match self.next_place()? {
            Place::Kept(at) => self.waiting_kept.get(at),
            Place::Transient => self.waiting_transient.back(),
        };
        popup.map(|popup| popup.notification.id.to_string())
    }

    pub fn visible(&self) -> &[Popup] {
        &self.visible
    }

    /// How many are waiting for a place on screen: each will be shown.
    pub fn waiting(&self) -> usize {
        self.waiting_kept.len() + self.waiting_transient.len()
    }

    /// Every pop-up, waiting or on screen, by arrival, oldest first. What the expanded stack shows.
    pub fn all(&self) -> Vec<Popup> {
        let mut all: Vec<&Popup> = self
            .waiting_kept
            .iter()
            .chain(&self.waiting_transient)
            .chain(&self.visible)
            .collect();
        all.sort_by_key(|popup| popup.seq);
        all.into_iter().cloned().collect()
    }
}
