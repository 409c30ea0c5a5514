//! What became of the widgets' notifications, as the store tells it: each told to the widget's
//! held callbacks (`callbacks`) or to its `addNotificationCallback` (`bindings`).

use std::cell::Cell;
use std::rc::Rc;

use super::bindings::opened;
use super::callbacks::{delivered, forget, queued, refused};
use crate::store::{Inbox, NotificationsContext, WidgetEvent};

/// The JS API's subscription to what becomes of the widgets' notifications.
pub struct Widgets {
    events: Rc<Inbox<WidgetEvent>>,
}

impl Widgets {
    /// Subscribes, and tells the widgets in a microtask once actions have news for them: after the
    /// store's reducer, not after a render (an action with news for the widgets may change nothing
    /// on screen). One microtask for all the news of a burst: a widget's loop of 10,000 calls is
    /// told once it returns.
    pub fn new(store: &NotificationsContext) -> Rc<Self> {
        let widgets = Rc::new(Widgets {
            events: store.widget_events(),
        });
        let (weak, scheduled) = (Rc::downgrade(&widgets), Rc::new(Cell::new(false)));
        widgets.events.wake_with(move || {
            if scheduled.replace(true) {
                return;
            }
            let (weak, scheduled) = (weak.clone(), Rc::clone(&scheduled));
            wasm_bindgen_futures::spawn_local(async move {
                scheduled.set(false);
                if let Some(widgets) = weak.upgrade() {
                    widgets.tell();
                }
            });
        });
        widgets
    }

    /// Tells the widgets what became of their notifications since the last call.
    pub fn tell(&self) {
        for event in self.events.take() {
            match event {
                WidgetEvent::Opened(notification) => opened(&notification),
                WidgetEvent::Delivered(id) => delivered(&id),
                WidgetEvent::Waiting(why) => queued(&why),
                WidgetEvent::Refused(id, why) => refused(&id, &why),
                WidgetEvent::Dropped(id) => forget(&id),
            }
        }
    }
}
