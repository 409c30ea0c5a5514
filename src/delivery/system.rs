//! Browser notifications: while the page is hidden, each new `add_error` / `add_call` made in this
//! tab also raises a system notification (when the Browser channel is on and the browser allows
//! it). Clicking one focuses the page and opens the entry.

use std::rc::Rc;

use gloo_events::EventListener;
use std::cell::RefCell;
use yew::Callback;

use crate::i18n::Words;
use crate::navigate::open_link;
use crate::notification::Notification;
use crate::store::{Action, CenterAction, Inbox, NotificationsContext};

pub(crate) struct SystemNotifications {
    store: NotificationsContext,
    /// What this tab's widgets published into the center since the last look.
    published: Rc<Inbox<Rc<Notification>>>,
    dispatch: Callback<Action>,
    /// The UI lives in a host page's shadow root.
    embedded: bool,
    /// Click listeners of the notifications on screen (the system closes them; these go with the
    /// page).
    listeners: RefCell<Vec<EventListener>>,
}

impl SystemNotifications {
    pub(crate) fn new(
        store: NotificationsContext,
        dispatch: Callback<Action>,
        embedded: bool,
    ) -> Rc<Self> {
        Rc::new(SystemNotifications {
            published: store.published(),
            store,
            dispatch,
            embedded,
            listeners: RefCell::default(),
        })
    }

    /// Raises a system notification for each new entry, if the page is hidden and it may.
    pub(crate) fn announce(&self) {
        let announcements = self.published.take();
        if announcements.is_empty() || !self.store.model().settings.channels.browser {
            return;
        }
        let granted = crate::browser::notification_permission()
            == Some(web_sys::NotificationPermission::Granted);
        if !crate::browser::page_hidden() || !granted {
            return;
        }
        for notification in announcements {
            self.show(&notification);
        }
    }

    fn show(&self, notification: &Rc<Notification>) {
        // Untitled ones are named in the interface's language, as the pop-ups name them.
        let title = match notification.header.text() {
            text if text.is_empty() => crate::i18n::from_browser()
                .untitled(notification.kind)
                .to_owned(),
            text => text,
        };
        let options = web_sys::NotificationOptions::new();
        options.set_body(&notification.text.text());
        options.set_tag(notification.id.as_str());
        if let Some(icon) = &notification.icon {
            options.set_icon(icon.as_str());
        }
        let Ok(system) = web_sys::Notification::new_with_options(&title, &options) else {
            return;
        };
        let (dispatch, notification) = (self.dispatch.clone(), Rc::clone(notification));
        let embedded = self.embedded;
        let listener = EventListener::new(&system, "click", move |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.focus();
            }
            dispatch.emit(Action::Center(CenterAction::SetRead(
                notification.id.clone(),
                true,
            )));
            match notification.target() {
                Some(target) => open_link(&target, embedded),
                None => dispatch.emit(CenterAction::Reveal(notification.id.clone()).into()),
            }
        });
        self.listeners.borrow_mut().push(listener);
    }
}
