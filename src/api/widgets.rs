//! What became of the widgets' notifications, as the store tells it: each told to the widget's
//! held callbacks (`callbacks`) or to its `addNotificationCallback` (`bindings`).

use std::rc::Rc;

use super::bindings::opened;
use super::callbacks::{delivered, forget, queued, refused};
use crate::store::{Inbox, NotificationsContext, WidgetEvent};

/// The JS API's subscription to what becomes of the widgets' notifications.
pub struct Widgets {
    events: Rc<Inbox<WidgetEvent>>,
}

impl Widgets {
    pub fn new(store: &NotificationsContext) -> Self {
        Widgets {
            events: store.widget_events(),
        }
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
