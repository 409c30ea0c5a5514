//! The live feed: the server's Server-Sent Events, read over `fetch` so that it carries the
//! person's token in a header. When the server keeps the person's center (a token is configured),
//! the history is loaded first (a new device shows the past), and the events are every change of
//! that center: new entries, read state, removals, preferences; a `reset` loads the history anew.
//! A server without a token sends bare entries in the record format, as before.
//!
//! A dropped connection is reopened with backoff, sending the last event id (`Last-Event-ID`), so
//! the server sends what was missed; an entry the center has already is ignored. A stream that
//! hears nothing for two of the server's heartbeats (`X-Heartbeat-Secs`, 15 s unless it says) is
//! dead, even if the connection looks open (a paused server, a sleeping laptop, a dropped route):
//! it is closed and reopened the same way.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use amocrm_notify_protocol::http_api::{Event, HistoryPage};
use gloo_timers::callback::Timeout;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use super::http::{request, send, send_within, Failure, Method};
use super::renew::Renewal;
use super::{sleep_until, Backoff, Health};
use crate::json;
use crate::store::record::{entry_of, Record};
use crate::store::{Action, CenterAction, Delivery, Entry, Reach, ServerConfig};
use amocrm_notify_protocol::sse::{SseEvent, SseParser};

/// Entries asked for per history page.
const PAGE: u32 = 500;
/// The longest wait between two tries to open the stream.
const RECONNECT_CAP_MS: u32 = 5_000;
/// The server's heartbeat when it does not say.
const HEARTBEAT_SECS: u32 = 15;

/// The open stream; dropping it closes the connection and stops reconnecting.
pub(super) struct Stream {
    inner: Rc<Inner>,
}

struct Inner {
    url: String,
    server: ServerConfig,
    dispatch: Callback<Action>,
    health: Rc<Health>,
    renewal: Renewal,
    last_event_id: RefCell<Option<String>>,
    abort: RefCell<Option<web_sys::AbortController>>,
    closed: Cell<bool>,
    /// The history is loaded (or there is none to load): the stream follows it.
    loaded: Cell<bool>,
}

impl Stream {
    /// Opens the stream `url` of `server`.
    pub(super) fn open(
        url: String,
        server: ServerConfig,
        dispatch: Callback<Action>,
        health: Rc<Health>,
        renewal: Renewal,
    ) -> Self {
        let server_syncs = server.syncs();
        let inner = Rc::new(Inner {
            url,
            server,
            dispatch,
            health,
            renewal,
            last_event_id: RefCell::default(),
            abort: RefCell::default(),
            loaded: Cell::new(!server_syncs),
            closed: Cell::new(false),
        });
        wasm_bindgen_futures::spawn_local(run(Rc::clone(&inner)));
        Stream { inner }
    }
}

impl Inner {
    /// The browser says it has a network.
    fn online(&self) -> bool {
        gloo_utils::window().navigator().on_line()
    }
}

impl Stream {
    /// Loads the history again (then follows the stream from there): the server decided
    /// otherwise about a change made here.
    pub(super) fn reload(&self) {
        if self.inner.server.syncs() {
            self.inner.loaded.set(false);
            if let Some(abort) = self.inner.abort.take() {
                abort.abort();
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.inner.closed.set(true);
        if let Some(abort) = self.inner.abort.take() {
            abort.abort();
        }
    }
}

async fn run(inner: Rc<Inner>) {
    // The stream is how this browser learns the server is back: it tries again at least every
    // 5 s (a refused connection costs nothing), so the state clears within seconds of a return.
    let mut backoff = Backoff::up_to(RECONNECT_CAP_MS);
    while !inner.closed.get() {
        let was_loaded = inner.loaded.get();
        let result = if was_loaded {
            read(&inner, &mut backoff).await
        } else {
            load_history(&inner).await.map(|last| {
                inner.loaded.set(true);
                inner.last_event_id.replace(Some(last.to_string()));
            })
        };
        if inner.closed.get() {
            return;
        }
        match &result {
            Ok(()) => inner.health.report(Reach::Answered),
            Err(failure) => {
                inner.health.report(failure.reach());
                if let Some((code, message)) = failure.refusal() {
                    inner
                        .renewal
                        .refused(inner.server.token.as_deref(), code, message);
                }
            }
        }
        match &result {
            // A server without a history: go on with the feed alone.
            Err(failure) if failure.is_permanent() && !inner.loaded.get() => {
                inner.loaded.set(true);
                continue;
            }
            // Loaded: follow the stream at once.
            Ok(()) if !was_loaded => continue,
            _ => {}
        }
        let delay = match result.err().and_then(|f| f.retry_after_ms()) {
            Some(wait) => wait,
            None => backoff.next_delay_ms(),
        };
        // Back online: reconnect at once rather than at the end of the backoff.
        let was_online = inner.online();
        sleep_until(delay, || !was_online && inner.online()).await;
    }
}

/// Loads the person's whole history, page by page, and makes the center the server's: entries it
/// has are merged, and those this browser had from it but it no longer has leave. Returns the
/// event to follow the stream from.
async fn load_history(inner: &Inner) -> Result<u64, Failure> {
    let Some(endpoint) = inner.server.endpoint.as_ref() else {
        return Ok(0);
    };
    let mut kept = HashSet::new();
    let mut before: Option<String> = None;
    let mut last_event_id = None;
    loop {
        let mut url = format!("{}?limit={PAGE}", endpoint.as_str());
        if let Some(before) = &before {
            url.push_str("&before=");
            url.push_str(&String::from(js_sys::encode_uri_component(before)));
        }
        let response = send(request(Method::GET, &url, &inner.server), None).await?;
        let text = response.text().await?;
        let page: HistoryPage = json::from_text(&text).map_err(|why| Failure::Status {
            status: 502,
            retry_after_ms: None,
            code: None,
            message: Some(format!("the history could not be read: {why}")),
        })?;
        // The first page's position: events after it are what the stream sends.
        last_event_id.get_or_insert(page.last_event_id);
        let page_entries: Vec<Entry> = page
            .entries
            .into_iter()
            .filter_map(|record| from_server(record).ok())
            .collect();
        kept.extend(page_entries.iter().map(|e| e.id().clone()));
        inner
            .dispatch
            .emit(Action::Center(CenterAction::Merge(page_entries)));
        match page.next {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    inner
        .dispatch
        .emit(Action::Center(CenterAction::Resync(kept)));
    if let Some(url) = inner.server.sibling("preferences") {
        let preferences = request(Method::GET, &url, &inner.server).with_this_device();
        let response = send(preferences, None).await?;
        let text = response.text().await.unwrap_or_default();
        if let Ok(preferences) = json::from_text(&text) {
            inner
                .dispatch
                .emit(Action::Center(CenterAction::Synced(Event::Preferences {
                    preferences,
                })));
        }
    }
    Ok(last_event_id.unwrap_or(0))
}

/// Reads the stream until it ends; `Err` when it could not be opened or went quiet.
async fn read(inner: &Inner, backoff: &mut Backoff) -> Result<(), Failure> {
    let mut builder =
        request(Method::GET, &inner.url, &inner.server).header("Accept", "text/event-stream");
    if let Some(id) = &*inner.last_event_id.borrow() {
        builder = builder.header("Last-Event-ID", id);
    }
    // A server that says nothing until its first heartbeat is given the time for two of them.
    let response = send_within(builder, None, quiet_ms(HEARTBEAT_SECS)).await?;
    backoff.reset();
    inner.health.report(Reach::Answered);
    let heartbeat_secs = response
        .header("x-heartbeat-secs")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&secs| secs > 0)
        .unwrap_or(HEARTBEAT_SECS);
    let (body, abort) = response.into_stream();
    inner.abort.replace(abort.clone());
    let Some(body) = body else {
        return Ok(());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut parser = SseParser::default();
    let quiet_ms = quiet_ms(heartbeat_secs);
    let went_quiet = Rc::new(Cell::new(false));
    let watchdog = || {
        let (abort, went_quiet) = (abort.clone(), Rc::clone(&went_quiet));
        Timeout::new(quiet_ms, move || {
            went_quiet.set(true);
            if let Some(abort) = abort {
                abort.abort();
            }
        })
    };
    let mut _watchdog = watchdog();
    loop {
        let chunk = JsFuture::from(reader.read()).await;
        if went_quiet.get() {
            return Err(Failure::Unreachable(format!(
                "the stream missed two heartbeats ({} s)",
                quiet_ms / 1000
            )));
        }
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(_) if inner.closed.get() => return Ok(()),
            Err(error) => return Err(Failure::Unreachable(crate::browser::describe(&error))),
        };
        if Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
            return Ok(());
        }
        _watchdog = watchdog();
        let bytes = Reflect::get(&chunk, &"value".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .map(|v| v.to_vec())
            .unwrap_or_default();
        for event in parser.feed(&bytes) {
            if let Some(id) = &event.id {
                inner.last_event_id.replace(Some(id.clone()));
            }
            if handle(inner, event).await.is_err() {
                return Ok(()); // reconnect, and load again
            }
        }
    }
}

/// Two missed heartbeats, and a little for the network: then the stream is dead.
fn quiet_ms(heartbeat_secs: u32) -> u32 {
    heartbeat_secs.saturating_mul(2_000).saturating_add(2_000)
}

/// Applies one event; `Err` when the history must be loaded again first.
async fn handle(inner: &Inner, event: SseEvent) -> Result<(), Failure> {
    match event.name.as_str() {
        // A server that sends bare entries in the record format.
        "message" => match json::from_text::<Record>(&event.data).and_then(from_server) {
            Ok(entry) => inner
                .dispatch
                .emit(Action::Center(CenterAction::Receive(vec![entry]))),
            Err(why) => warn(&format!(
                "the stream sent an entry that cannot be read ({why}); it was ignored"
            )),
        },
        "reset" => {
            let last = load_history(inner)
                .await
                .inspect_err(|_| inner.loaded.set(false))?;
            let after = event.id.unwrap_or_else(|| last.to_string());
            inner.last_event_id.replace(Some(after));
        }
        name => {
            match json::from_text_with(&event.data, |data| Event::deserialize_named(name, data)) {
                Ok(event) => inner
                    .dispatch
                    .emit(Action::Center(CenterAction::Synced(event))),
                Err(why) => warn(&format!(
                    "the stream sent an event that cannot be read ({why}); it was ignored"
                )),
            }
        }
    }
    Ok(())
}

/// An entry the server has: nothing to send back.
fn from_server(record: Record) -> Result<Entry, String> {
    entry_of(record).map(|entry| Entry {
        delivery: Delivery::Delivered,
        ..entry
    })
}

fn warn(message: &str) {
    web_sys::console::warn_1(&format!("amocrm-notify: {message}").into());
}
