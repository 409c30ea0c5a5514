//! Delivery beyond this page: the account's server (an outbox POSTed with `fetch`, and a stream
//! of entries it pushes) and the system's notifications while the page is hidden.
//!
//! [`Deliver`] reads the store and produces actions, like the JS API does. What became of a held
//! `add_*` call goes back through the store as an action; the JS API hears it on the store's feed
//! (`WidgetEvent`) and settles the widget's callbacks (`api/callbacks.rs`).

mod http;
mod outbox;
mod push;
mod renew;
mod stream;
pub(crate) mod system;

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::store::{use_notifications, use_notifications_dispatch, Action, LinkAction, Reach};

/// Mount once inside the provider, around the JS API: from its first render on, what widgets
/// publish is delivered, the calls the API replays at start-up among them.
#[component]
pub fn Deliver(props: &yew::html::ChildrenProps) -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let health = use_memo((), {
        let dispatch = dispatch.clone();
        move |_| Health::new(dispatch)
    });
    let renewal = use_memo((), {
        let (store, health) = (store.clone(), Rc::clone(&health));
        move |_| renew::Renewal::new(store, health)
    });
    let outbox = use_memo((), {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        let (health, renewal) = (Rc::clone(&health), Rc::clone(&renewal));
        move |_| outbox::Outbox::new(store, dispatch, health, (*renewal).clone())
    });
    // The browser's own word on the network.
    let _online = use_memo((), {
        let dispatch = dispatch.clone();
        move |_| {
            let window = gloo_utils::window();
            if !window.navigator().on_line() {
                dispatch.emit(Action::Link(LinkAction::SetOnline(false)));
            }
            let listen = |name: &'static str, online: bool| {
                let dispatch = dispatch.clone();
                EventListener::new(&window, name, move |_| {
                    dispatch.emit(Action::Link(LinkAction::SetOnline(online)))
                })
            };
            [listen("online", true), listen("offline", false)]
        }
    });
    let embedded = crate::host::use_host().is_embedded();
    let system = use_memo((), {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        move |_| system::SystemNotifications::new(store, dispatch, embedded)
    });
    // This device's push subscription, as the demo site's settings page asks (the embed has no
    // settings page, and carries none of it).
    #[cfg(feature = "demo")]
    let device = use_memo((), {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        move |_| push::Device::new(store, dispatch)
    });
    // A pushed notification's click opens `/?entry=<id>`: a request to open the center at that
    // entry, which the center takes once the entry is in it.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            if let Some(id) = crate::browser::page_query("entry") {
                let id = crate::notification::NotificationId::new(id);
                dispatch.emit(crate::store::CenterAction::Reveal(id).into());
            }
        });
    }
    {
        let (outbox, system) = (Rc::clone(&outbox), Rc::clone(&*system));
        use_effect_with((*store).clone(), move |_| {
            Rc::clone(&outbox).kick();
            system.announce();
            #[cfg(feature = "demo")]
            device.serve();
        });
    }
    // One stream per configuration: a new URL or token closes the old stream and opens another.
    // With a token the stream defaults to the one beside the endpoint (`…/v1/stream`).
    let server = store.model().settings.server.clone();
    {
        let renewal = renewal.clone();
        use_effect_with(server.token.clone(), move |token| {
            renewal.token_changed(token.as_deref())
        });
    }
    let stream = use_mut_ref(|| None::<stream::Stream>);
    {
        let (stream, renewal, health) = (stream.clone(), renewal.clone(), health.clone());
        use_effect_with(server, move |server| {
            if server.syncs() {
                push::register();
            }
            let url = match (&server.stream, server.syncs()) {
                (Some(url), _) => Some(url.as_str().to_owned()),
                (None, true) => server.sibling("stream"),
                (None, false) => None,
            };
            *stream.borrow_mut() = url.map(|url| {
                stream::Stream::open(url, server.clone(), dispatch, health, (*renewal).clone())
            });
            move || drop(stream.borrow_mut().take())
        });
    }
    // A change the server did not take as made here: load its history again.
    let reloads = store.model().link.history_reloads;
    use_effect_with(reloads, move |&reloads| {
        if reloads > 0 {
            if let Some(stream) = &*stream.borrow() {
                stream.reload();
            }
        }
    });
    props.children.clone()
}

#[wasm_bindgen(module = "/src/snippets.js")]
extern "C" {
    /// Runs `run` (which returns a promise) holding the origin-wide Web Lock `name`.
    fn with_lock(name: &str, run: &js_sys::Function) -> js_sys::Promise;
}

/// Waits `ms`, or less once `until` holds (checked every 200 ms): a retry that waits for a new
/// token or for the network goes as soon as it can.
async fn sleep_until(ms: u32, until: impl Fn() -> bool) {
    let mut left = ms;
    while left > 0 && !until() {
        let step = left.min(200);
        gloo_timers::future::TimeoutFuture::new(step).await;
        left -= step;
    }
}

/// What the requests to the server come to, for the person's connection state: reported to the
/// store only when it changes, so a burst of answers costs no actions.
pub(crate) struct Health {
    dispatch: Callback<Action>,
    last: Cell<Option<Reach>>,
}

impl Health {
    fn new(dispatch: Callback<Action>) -> Self {
        Health {
            dispatch,
            last: Cell::new(None),
        }
    }

    fn report(&self, reach: Reach) {
        if self.last.replace(Some(reach)) != Some(reach) {
            self.dispatch.emit(Action::Link(LinkAction::Reached(reach)));
        }
    }
}

/// Capped exponential backoff with jitter: about 0.5 s, 1 s, 2 s, … up to its cap, each wait drawn
/// between half and all of that, so tabs and devices that failed together do not retry together.
#[derive(Debug)]
struct Backoff {
    failures: u32,
    cap_ms: u32,
}

impl Default for Backoff {
    /// Up to 30 s.
    fn default() -> Self {
        Backoff::up_to(30_000)
    }
}

impl Backoff {
    /// Waits of at most `cap_ms`.
    fn up_to(cap_ms: u32) -> Self {
        Backoff {
            failures: 0,
            cap_ms,
        }
    }

    fn next_delay_ms(&mut self) -> u32 {
        let ceiling = 500u32
            .saturating_mul(1 << self.failures.min(6))
            .min(self.cap_ms);
        self.failures += 1;
        let jitter = 0.5 + crate::browser::random() / 2.0;
        (f64::from(ceiling) * jitter) as u32
    }

    fn reset(&mut self) {
        self.failures = 0;
    }
}
