//! The Yew side of the model: a `Reducible` whose snapshots share one [`Model`].
//!
//! Yew's reducer contract hands out `Rc` snapshots of the state; copying a 100,000-entry history
//! for every notification would make each call O(n). Instead every snapshot points at the same
//! `Model`, the reducer applies the action to it in place, and a new snapshot with the next
//! revision number is what tells Yew (and context consumers, through `PartialEq`) to re-render.
//! An action that changes nothing returns the same `Rc`, so Yew skips the render.
//!
//! The effects an action asks for go to the services that subscribed ([`Store::changes`],
//! [`Store::published`], [`Store::widget_events`], …) as it is applied: a subscriber that asked to
//! be woken ([`Inbox::wake_with`]) runs them then, without waiting for a render; an action that
//! changes nothing on screen causes none. The model itself only changes through actions.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::Reducible;

use super::channels::PushRequest;
use super::effects::{Applied, Change, QueueChange, WidgetEvent};
use super::feed::{Feed, Inbox};
use super::model::{Action, Model};
use crate::notification::Notification;

#[derive(Clone, Debug)]
pub struct Store {
    model: Rc<RefCell<Model>>,
    feeds: Rc<Feeds>,
    revision: u64,
}

#[derive(Debug, Default)]
struct Feeds {
    changes: Feed<Change>,
    published: Feed<Rc<Notification>>,
    queue: Feed<QueueChange>,
    widgets: Feed<WidgetEvent>,
    push: Feed<PushRequest>,
}

impl Default for Store {
    /// An empty store for this tab.
    fn default() -> Self {
        Store {
            model: Rc::new(RefCell::new(Model::for_tab(&crate::browser::tab_id()))),
            feeds: Rc::default(),
            revision: 0,
        }
    }
}

impl Store {
    /// The current model. Borrow it for the length of a render, never across a dispatch.
    pub fn model(&self) -> Ref<'_, Model> {
        self.model.borrow()
    }

    /// From now on, the center's changes made in this tab ([`Applied::journal`]).
    pub fn changes(&self) -> Rc<Inbox<Change>> {
        self.feeds.changes.subscribe()
    }

    /// From now on, the changes for the server this tab queued or sent ([`Applied::queue`]).
    pub fn queue(&self) -> Rc<Inbox<QueueChange>> {
        self.feeds.queue.subscribe()
    }

    /// From now on, what the page asks of this device's push subscription ([`Applied::push`]).
    pub fn push_requests(&self) -> Rc<Inbox<PushRequest>> {
        self.feeds.push.subscribe()
    }

    /// From now on, what the widgets' callbacks are to hear ([`Applied::widgets`]).
    pub fn widget_events(&self) -> Rc<Inbox<WidgetEvent>> {
        self.feeds.widgets.subscribe()
    }

    /// From now on, the notifications this tab's widgets publish into the center
    /// ([`Applied::published`]).
    pub fn published(&self) -> Rc<Inbox<Rc<Notification>>> {
        self.feeds.published.subscribe()
    }
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model) && self.revision == other.revision
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let Applied {
            changed,
            journal,
            published,
            queue,
            widgets,
            push,
            ..
        } = self
            .model
            .borrow_mut()
            .update(action, crate::browser::now_ms());
        self.feeds.changes.send(journal);
        self.feeds.published.send(published);
        self.feeds.queue.send(queue);
        self.feeds.push.send(push);
        self.feeds.widgets.send(widgets);
        if changed {
            Rc::new(Store {
                model: Rc::clone(&self.model),
                feeds: Rc::clone(&self.feeds),
                revision: self.revision + 1,
            })
        } else {
            self
        }
    }
}
