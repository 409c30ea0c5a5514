//! What the store's actions changed, for the services that subscribe: storage and the other tabs
//! take the center's changes, the system notifications take what this tab's widgets published.
//! The store hands each subscriber its own copy as an action is applied; the subscriber takes what
//! gathered when it is ready: when woken ([`Inbox::wake_with`]), or after a render, so nothing
//! reaches into the model to collect it.

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
        let inbox = Rc::new(Inbox {
            items: RefCell::default(),
            wake: RefCell::default(),
        });
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
            let others: Vec<_> = others.iter().filter_map(Weak::upgrade).collect();
            for inbox in &others {
                inbox.items.borrow_mut().extend(items.iter().cloned());
            }
            let last = last.upgrade();
            if let Some(inbox) = &last {
                inbox.items.borrow_mut().extend(items);
            }
            drop(inboxes);
            for inbox in others.iter().chain(&last) {
                inbox.wake();
            }
        }
    }
}

/// One subscriber's changes, gathered until it takes them.
pub struct Inbox<T> {
    items: RefCell<Vec<T>>,
    /// Called when something arrives, if the subscriber asked to be.
    wake: RefCell<Option<Box<dyn Fn()>>>,
}

impl<T> Inbox<T> {
    /// What gathered since the last call, oldest first.
    pub fn take(&self) -> Vec<T> {
        std::mem::take(&mut *self.items.borrow_mut())
    }

    /// Calls `wake` whenever something arrives (from inside the store's reducer: it should only
    /// schedule the taking, not dispatch).
    pub fn wake_with(&self, wake: impl Fn() + 'static) {
        *self.wake.borrow_mut() = Some(Box::new(wake));
    }

    fn wake(&self) {
        if let Some(wake) = &*self.wake.borrow() {
            wake();
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Inbox<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").field("items", &self.items).finish()
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

    #[test]
    fn a_subscriber_that_asked_is_woken_when_something_arrives() {
        let feed = Feed::default();
        let inbox = feed.subscribe();
        let woken = std::rc::Rc::new(std::cell::Cell::new(0));
        inbox.wake_with({
            let woken = std::rc::Rc::clone(&woken);
            move || woken.set(woken.get() + 1)
        });
        feed.send(Vec::<i32>::new());
        assert_eq!(woken.get(), 0, "nothing sent, nobody woken");
        feed.send(vec![1, 2]);
        assert_eq!((woken.get(), inbox.take()), (1, vec![1, 2]));
    }
}
