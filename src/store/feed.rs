//! What the store's actions changed, for the services that subscribe: storage and the other tabs
//! take the center's changes, the system notifications take what this tab's widgets published.
//! The store hands each subscriber its own copy as an action is applied; the subscriber takes what
//! gathered when it is ready (after a render), so nothing reaches into the model to collect it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// Subscribers to one kind of change. A subscriber that is dropped stops receiving.
#[derive(Debug)]
pub struct Feed<T> {
    inboxes: RefCell<Vec<Weak<Inbox<T>>>>,
}

impl<T> Default for Feed<T> {
    fn default() -> Self {
        Feed {
            inboxes: RefCell::default(),
        }
    }
}

impl<T: Clone> Feed<T> {
    /// A new subscriber: it receives what is sent from now on.
    pub fn subscribe(&self) -> Rc<Inbox<T>> {
        let inbox = Rc::new(Inbox(RefCell::default()));
        self.inboxes.borrow_mut().push(Rc::downgrade(&inbox));
        inbox
    }

    /// Hands `items` to every subscriber (nothing is copied when there is none).
    pub(super) fn send(&self, items: Vec<T>) {
        if items.is_empty() {
            return;
        }
        let mut inboxes = self.inboxes.borrow_mut();
        inboxes.retain(|inbox| inbox.strong_count() > 0);
        if let Some((last, others)) = inboxes.split_last() {
            for inbox in others.iter().filter_map(Weak::upgrade) {
                inbox.0.borrow_mut().extend(items.iter().cloned());
            }
            if let Some(inbox) = last.upgrade() {
                inbox.0.borrow_mut().extend(items);
            }
        }
    }
}

/// One subscriber's changes, gathered until it takes them.
#[derive(Debug)]
pub struct Inbox<T>(RefCell<Vec<T>>);

impl<T> Inbox<T> {
    /// What gathered since the last call, oldest first.
    pub fn take(&self) -> Vec<T> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

#[cfg(test)]
mod tests {
    use super::Feed;

    #[test]
    fn each_subscriber_gets_what_was_sent_after_it_subscribed() {
        let feed = Feed::default();
        feed.send(vec![1]);
        let first = feed.subscribe();
        feed.send(vec![2, 3]);
        let second = feed.subscribe();
        feed.send(vec![4]);
        assert_eq!(first.take(), [2, 3, 4]);
        assert_eq!(first.take(), Vec::<i32>::new());
        assert_eq!(second.take(), [4]);
        drop(second);
        feed.send(vec![5]);
        assert_eq!(feed.inboxes.borrow().len(), 1);
        assert_eq!(first.take(), [5]);
    }
}
