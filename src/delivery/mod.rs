//! Delivery beyond this page: the account's server (an outbox POSTed with `fetch`, and a stream
//! of entries it pushes) and the system's notifications while the page is hidden.
//!
//! [`Deliver`] reads the store and produces actions, like the JS API does; the widget's callbacks
//! for a held `add_*` call are settled through [`crate::api::delivered`] / [`crate::api::queued`].

mod http;
mod outbox;
pub mod push;
pub mod sse;
mod stream;
pub mod system;

use std::rc::Rc;

use yew::prelude::*;

use crate::store::{use_notifications, use_notifications_dispatch};

/// Mount once inside the provider, around the JS API: from its first render on, what widgets
/// publish is delivered, the calls the API replays at start-up among them.
#[component]
pub fn Deliver(props: &yew::html::ChildrenProps) -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let outbox = use_memo((), {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        move |_| outbox::Outbox::new(store, dispatch)
    });
    let system = use_memo((), {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        move |_| system::SystemNotifications::new(store, dispatch)
    });
    // A pushed notification's click opens `/?entry=<id>`: the center at that entry, once it is in.
    let asked = use_mut_ref(|| {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|search| {
                search
                    .trim_start_matches('?')
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("entry="))
                    .and_then(|id| js_sys::decode_uri_component(id).ok())
                    .map(String::from)
            })
            .map(crate::notification::NotificationId::new)
    });
    {
        let (outbox, system, store_now) = (Rc::clone(&outbox), Rc::clone(&*system), store.clone());
        use_effect_with((*store).clone(), move |_| {
            Rc::clone(&outbox).kick();
            system.announce();
            let ready = asked
                .borrow()
                .as_ref()
                .is_some_and(|id| store_now.model().center.get(id).is_some());
            if ready {
                if let Some(id) = asked.borrow_mut().take() {
                    crate::hooks::reveal_entry(&id);
                }
            }
        });
    }
    // One stream per configuration: a new URL or token closes the old stream and opens another.
    // With a token the stream defaults to the one beside the endpoint (`…/v1/stream`).
    let server = store.model().server.clone();
    use_effect_with(server, move |server| {
        if server.syncs() {
            push::register();
        }
        let url = match (&server.stream, server.syncs()) {
            (Some(url), _) => Some(url.as_str().to_owned()),
            (None, true) => server.sibling("stream"),
            (None, false) => None,
        };
        let stream = url.map(|url| stream::Stream::open(url, server.clone(), dispatch));
        move || drop(stream)
    });
    props.children.clone()
}

/// Exponential backoff: 0.5 s, 1 s, 2 s, ... up to 30 s.
#[derive(Debug, Default)]
struct Backoff {
    failures: u32,
}

impl Backoff {
    fn next_delay_ms(&mut self) -> u32 {
        let delay = 500u32.saturating_mul(1 << self.failures.min(6)).min(30_000);
        self.failures += 1;
        delay
    }

    fn reset(&mut self) {
        self.failures = 0;
    }
}
