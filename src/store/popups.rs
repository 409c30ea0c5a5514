//! The pop-up stack: at most [`MAX_VISIBLE`] on screen, the rest waiting in arrival order, and a
//! repeat of a pop-up that is showing (or last in line) counted into it instead of stacking.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::notification::{Notification, NotificationId};

/// How many pop-ups are on screen at once.
pub const MAX_VISIBLE: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Popup {
    pub notification: Rc<Notification>,
    /// How many times it was fired while showing (×N); each repeat restarts its timer.
    pub count: u32,
}

#[derive(Debug, Default)]
pub struct Popups {
    /// Oldest first: the newest is the one Escape dismisses.
    visible: Vec<Popup>,
    waiting: VecDeque<Popup>,
}

impl Popups {
    pub fn push(&mut self, notification: Rc<Notification>) {
        let repeat_of = self
            .visible
            .iter_mut()
            .chain(self.waiting.back_mut())
            .find(|popup| notification.is_repeat_of(&popup.notification));
        if let Some(popup) = repeat_of {
            popup.count += 1;
            return;
        }
        let popup = Popup {
            notification,
            count: 1,
        };
        if self.visible.len() < MAX_VISIBLE {
            self.visible.push(popup);
        } else {
            self.waiting.push_back(popup);
        }
    }

    /// Removes a pop-up from the screen (or the line) and lets the next waiting one in.
    pub fn dismiss(&mut self, id: &NotificationId) -> bool {
        if let Some(at) = self.visible.iter().position(|p| &p.notification.id == id) {
            self.visible.remove(at);
            self.promote();
            return true;
        }
        if let Some(at) = self.waiting.iter().position(|p| &p.notification.id == id) {
            self.waiting.remove(at);
            return true;
        }
        false
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

    fn promote(&mut self) {
        while self.visible.len() < MAX_VISIBLE {
            match self.waiting.pop_front() {
                Some(next) => self.visible.push(next),
                None => break,
            }
        }
    }

    pub fn visible(&self) -> &[Popup] {
        &self.visible
    }

    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }
}
