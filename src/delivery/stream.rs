//! The live feed: a Server-Sent Events stream whose events are center entries, in the stored
//! record format. A dropped connection is reopened with backoff, asking for what came after the
//! last event seen; an entry the center has already is ignored, so none shows twice.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::Backoff;
use crate::store::record::{entry_of, Record};
use crate::store::{Action, Delivery, Entry};
use crate::wire;

/// The open stream; dropping it closes the connection and cancels any reconnection.
pub struct Stream {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    url: String,
    dispatch: Callback<Action>,
    source: Option<web_sys::EventSource>,
    listeners: Vec<EventListener>,
    retry: Option<Timeout>,
    backoff: Backoff,
    last_event_id: Option<String>,
    closed: bool,
}

impl Stream {
    pub fn open(url: String, dispatch: Callback<Action>) -> Self {
        let inner = Rc::new(RefCell::new(Inner {
            url,
            dispatch,
            source: None,
            listeners: Vec::new(),
            retry: None,
            backoff: Backoff::default(),
            last_event_id: None,
            closed: false,
        }));
        connect(&inner);
        Stream { inner }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        inner.retry = None;
        inner.listeners.clear();
        if let Some(source) = inner.source.take() {
            source.close();
        }
    }
}

fn connect(shared: &Rc<RefCell<Inner>>) {
    let mut inner = shared.borrow_mut();
    if inner.closed {
        return;
    }
    let url = match &inner.last_event_id {
        Some(id) => {
            let join = if inner.url.contains('?') { '&' } else { '?' };
            format!(
                "{}{join}last_event_id={}",
                inner.url,
                js_sys::encode_uri_component(id)
            )
        }
        None => inner.url.clone(),
    };
    let Ok(source) = web_sys::EventSource::new(&url) else {
        web_sys::console::error_1(
            &format!("amocrm-notify: the stream URL \"{url}\" cannot be opened").into(),
        );
        return;
    };
    let on_open = {
        let shared = Rc::downgrade(shared);
        EventListener::new(&source, "open", move |_| {
            if let Some(shared) = shared.upgrade() {
                shared.borrow_mut().backoff.reset();
            }
        })
    };
    let on_message = {
        let shared = Rc::downgrade(shared);
        EventListener::new(&source, "message", move |event| {
            let (Some(shared), Some(event)) =
                (shared.upgrade(), event.dyn_ref::<web_sys::MessageEvent>())
            else {
                return;
            };
            let data = event.data().as_string().unwrap_or_default();
            let last_id = event.last_event_id();
            let dispatch = {
                let mut inner = shared.borrow_mut();
                if !last_id.is_empty() {
                    inner.last_event_id = Some(last_id);
                }
                inner.dispatch.clone()
            };
            match wire::from_text::<Record>(&data).and_then(entry_of) {
                Ok(entry) => dispatch.emit(Action::Receive(vec![from_server(entry)])),
                Err(why) => web_sys::console::warn_1(
                    &format!("amocrm-notify: the stream sent an entry that cannot be read ({why}); it was ignored").into(),
                ),
            }
        })
    };
    let on_error = {
        let shared = Rc::downgrade(shared);
        EventListener::new(&source, "error", move |_| {
            // Reconnect on our own terms (backoff, the last event id), not the browser's.
            let Some(shared) = shared.upgrade() else {
                return;
            };
            let (delay, old_listeners) = {
                let mut inner = shared.borrow_mut();
                if let Some(source) = inner.source.take() {
                    source.close();
                }
                // Not dropped here: this very listener is running.
                let old = std::mem::take(&mut inner.listeners);
                (inner.backoff.next_delay_ms(), old)
            };
            let weak = Rc::downgrade(&shared);
            let retry = Timeout::new(delay, move || {
                drop(old_listeners);
                if let Some(shared) = weak.upgrade() {
                    connect(&shared);
                }
            });
            shared.borrow_mut().retry = Some(retry);
        })
    };
    inner.listeners = vec![on_open, on_message, on_error];
    inner.source = Some(source);
}

/// The server has it already: nothing to send back.
fn from_server(entry: Entry) -> Entry {
    Entry {
        delivery: Delivery::Delivered,
        ..entry
    }
}
