//! Every `wasm_bindgen` / `js_sys` binding of the API lives here: finding or creating the global
//! object and the call flow (this file), `configure` and the page's meta tags (configure.rs),
//! copying arguments into [`JsInput`] (read.rs) and the notification back out (write.rs). The loader script (`assets/loader.js`) defines the same object before the app starts;
//! when it is missing (a host that skipped it, a test), [`install`] creates an equivalent one.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

mod configure;
mod read;
mod write;

use configure::{configure, configure_from_meta, CONFIGURE};
pub use configure::{renew_token, unauthorized};
use read::{to_input, unknown_keys};
use write::to_js;

use super::callbacks::{error_object, Callbacks, Trace};
use super::error::{ApiError, Level, Notice};
use super::ids::IdGenerator;
use super::inspector;
use super::parse::{parse, unknown_key};
use super::value::JsInput;
use crate::notification::{Method, Notification, NotificationId};
use crate::store::calls::{LoggedCall, Outcome};
use crate::store::{Action, CallAction, CenterAction};

/// The property of the notifications object that the loader and the app share.
const STATE_KEY: &str = "__amocrmNotify";

/// The app side of the shim, while an app is mounted.
struct Attached {
    sink: Callback<Action>,
    ids: IdGenerator,
    generation: u64,
}

thread_local! {
    /// Set by the panic hook (with `stopped` on the shared state): a flag, so that every call does
    /// not have to look the state up in JavaScript.
    static STOPPED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static ATTACHED: RefCell<Option<Attached>> = const { RefCell::new(None) };
    /// The unknown keys warned about, per method: each once per page.
    static WARNED_KEYS: RefCell<std::collections::HashSet<(Method, String)>> = RefCell::default();
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// `state.call`, created once per page.
    static CALL: Function = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> JsValue>::new(call)
        .into_js_value()
        .unchecked_into();
}

/// Detaches the app from the global object when dropped; calls are then recorded again.
#[must_use = "the shim detaches when the guard is dropped"]
pub struct ShimGuard {
    generation: u64,
}

impl Drop for ShimGuard {
    fn drop(&mut self) {
        let detached = ATTACHED.with_borrow_mut(|slot| match slot {
            Some(attached) if attached.generation == self.generation => slot.take(),
            _ => None,
        });
        if let Some(attached) = detached {
            if let Some(state) = shared_state() {
                set(&state, "call", &JsValue::NULL);
                set(
                    &state,
                    "seq",
                    &JsValue::from_f64(attached.ids.last() as f64),
                );
            }
        }
    }
}

/// Makes `window.AMOCRM.notifications` and `window.APP.notifications` feed `sink`, replaying the
/// calls recorded before start-up, in order.
pub fn install(sink: Callback<Action>) -> ShimGuard {
    let state = get(&ensure_global_object(), STATE_KEY);
    let session = get(&state, "session")
        .as_string()
        .unwrap_or_else(new_session);
    let seq = get(&state, "seq").as_f64().unwrap_or(0.0) as u64;
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    ATTACHED.set(Some(Attached {
        sink,
        ids: IdGenerator::new(session, seq),
        generation,
    }));
    CALL.with(|call| set(&state, "call", call));

    configure_from_meta();
    if inspector::requested() {
        inspector::switch_on();
    }
    if inspector::is_on() {
        emit(Action::Calls(CallAction::Inspect));
    }
    let pending = get(&state, "pending");
    set(&state, "pending", &Array::new());
    if let Ok(pending) = pending.dyn_into::<Array>() {
        for recorded in pending.iter() {
            let recorded = Array::from(&recorded);
            let name = recorded.get(0).as_string().unwrap_or_default();
            if name == CONFIGURE {
                configure(&recorded.get(1));
            } else if let Some(method) = Method::from_name(&name) {
                handle(
                    method,
                    &recorded.get(1),
                    &recorded.get(2),
                    recorded.get(3).as_string(),
                    Reply::Id,
                );
            }
        }
    }
    // Hosts and the benchmark read start-up time from this mark: the API is ready from here on.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("amocrm-notify:ready");
    }
    ShimGuard { generation }
}

/// `state.call(name, params, callbacks)`: the one entry point of the loader's methods. An accepted
/// call answers with its sequence number, which the loader turns into the id.
fn call(name: JsValue, params: JsValue, callbacks: JsValue) -> JsValue {
    let name = name.as_string().unwrap_or_default();
    if name == CONFIGURE {
        return configure(&params);
    }
    let Some(method) = Method::from_name(&name) else {
        return JsValue::FALSE;
    };
    handle(method, &params, &callbacks, None, Reply::Seq)
}

/// How an accepted call's id goes back to JavaScript.
#[derive(Clone, Copy)]
enum Reply {
    /// The id itself (the methods of a page without the loader, and replayed calls).
    Id,
    /// Only its sequence number: the loader prefixes the session (`<session>-<seq>`), which spares
    /// decoding a string out of wasm memory on every call (about 2 µs, the profile showed).
    Seq,
}

fn handle(
    method: Method,
    params: &JsValue,
    callbacks: &JsValue,
    recorded_id: Option<String>,
    reply: Reply,
) -> JsValue {
    match handle_call(method, params, callbacks, recorded_id) {
        Handled::Accepted { seq: Some(seq), .. } if matches!(reply, Reply::Seq) => {
            JsValue::from_f64(seq as f64)
        }
        Handled::Accepted { id, .. } => JsValue::from_str(id.as_str()),
        Handled::Rejected(_) => JsValue::FALSE,
        Handled::Recorded(id) => id,
    }
}

enum Handled {
    /// The new notification's id, and its sequence number when this call drew it (a replayed
    /// call brings the id it was given while recorded).
    Accepted {
        id: NotificationId,
        seq: Option<u64>,
    },
    Rejected(ApiError),
    /// No app attached: recorded for the next one; the id it will have (or `false`).
    Recorded(JsValue),
}

fn handle_call(
    method: Method,
    params: &JsValue,
    callbacks: &JsValue,
    recorded_id: Option<String>,
) -> Handled {
    if STOPPED.get() {
        // After a panic the loader rejects calls without entering the app; this is the same answer
        // for a page without the loader, and for the playground.
        let error = ApiError::params(method, stopped_problem(&stopped_reason()));
        web_sys::console::error_1(&error.to_string().into());
        Callbacks::read(method, callbacks).settle(Err(error_object(&error)));
        return Handled::Rejected(error);
    }
    if ATTACHED.with_borrow(Option::is_none) {
        // Recorded as given: it is read and validated once, when an app replays it.
        return Handled::Recorded(record(method, params, callbacks));
    }
    // Read everything out of JavaScript before touching our own state: a hostile getter may throw.
    // `show_message("Saved", "success")`, as some widgets call it: the text and the type.
    let positional = params.as_string().zip(callbacks.as_string());
    let input = match &positional {
        Some((text, kind)) => JsInput::Object(vec![
            ("text", JsInput::String(text.clone())),
            ("type", JsInput::String(kind.clone())),
        ]),
        None => to_input(params, 0),
    };
    let callbacks = if positional.is_some() {
        &JsValue::UNDEFINED
    } else {
        callbacks
    };
    let unknown = unknown_keys(params);
    #[cfg(feature = "fault-injection")]
    inject(&input);
    let mut callbacks = Callbacks::read(method, callbacks);
    let now = js_sys::Date::now();

    let Some((sink, id, seq)) = ATTACHED.with_borrow_mut(|slot| {
        slot.as_mut().map(|attached| {
            let (id, seq) = match &recorded_id {
                Some(id) => (NotificationId::new(id.as_str()), None),
                None => (attached.ids.next_id(), Some(attached.ids.last())),
            };
            (attached.sink.clone(), id, seq)
        })
    }) else {
        // Only a callback that unmounted the app while we read the payload gets here.
        return Handled::Recorded(record(method, params, &callbacks.raw));
    };

    match parse(method, &input, now) {
        Err(error) => {
            web_sys::console::error_1(&error.to_string().into());
            let outcome = Outcome::Error(error.to_string());
            callbacks.trace = logged(
                &sink,
                inspector::record(method, &input, &unknown, outcome, vec![], now),
            );
            callbacks.settle(Err(error_object(&error)));
            Handled::Rejected(error)
        }
        Ok(mut parsed) => {
            let first_time = |key: &String| {
                // Bounded: a flood of made-up keys warns about the first thousand.
                WARNED_KEYS.with_borrow_mut(|warned| {
                    warned.len() < 1_000 && warned.insert((method, key.clone()))
                })
            };
            if positional.is_some() {
                let message = format!(
                    "AMOCRM.notifications.{}: expects an object of parameters, got two strings; read as {{ text, type }}",
                    method.name()
                );
                parsed.notices.insert(
                    0,
                    Notice {
                        level: Level::Warn,
                        message,
                    },
                );
            }
            parsed.notices.extend(
                unknown
                    .iter()
                    .map(|(key, _)| key)
                    .filter(|key| first_time(key))
                    .map(|key| unknown_key(method, key)),
            );
            for notice in &parsed.notices {
                match notice.level {
                    Level::Warn => web_sys::console::warn_1(&notice.message.as_str().into()),
                    Level::Error => web_sys::console::error_1(&notice.message.as_str().into()),
                }
            }
            let warnings = if inspector::is_on() {
                parsed.notices.iter().map(|n| n.message.clone()).collect()
            } else {
                Vec::new()
            };
            let notification = Rc::new(parsed.into_notification(id));
            // Building the JS copy costs a dozen property writes: only for a widget that asked.
            let result = if callbacks.done.is_some() {
                to_js(&notification)
            } else {
                JsValue::UNDEFINED
            };
            let id = notification.id.clone();
            let outcome = Outcome::Id(id.to_string());
            callbacks.trace = logged(
                &sink,
                inspector::record(method, &input, &unknown, outcome, warnings, now),
            );
            if notification.method.is_stored() {
                // `done` when it is kept (see `callbacks`): held before the store hears of it.
                callbacks.hold(id.clone(), method, result);
            } else {
                callbacks.settle(Ok(result));
            }
            sink.emit(Action::Center(CenterAction::Publish(notification)));
            Handled::Accepted { id, seq }
        }
    }
}

/// Marks the shared state stopped after a panic: from now on every call is rejected with `reason`,
/// by the loader's stubs without entering the app. Only reads and writes JavaScript properties, so
/// it is safe to call from the panic hook whatever Rust state the panic left behind.
pub(super) fn stop(reason: &str) {
    STOPPED.set(true);
    if let Some(state) = shared_state() {
        set(&state, "stopped", &reason.into());
        set(&state, "call", &JsValue::NULL);
    }
}

fn stopped_reason() -> String {
    shared_state()
        .and_then(|state| get(&state, "stopped").as_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The loader (`assets/loader.js`) words this rejection the same way.
fn stopped_problem(reason: &str) -> String {
    format!("the notification center has stopped after an internal error ({reason}); the call was not made")
}

/// What the dashboard's playground shows after a call.
#[derive(Clone, Debug, PartialEq)]
pub enum CallOutcome {
    /// The call returned this id.
    Accepted(String),
    /// The call returned `false`; the message is the one written to the console.
    Rejected(String),
    /// The JSON did not parse, so nothing was called.
    InvalidJson(String),
}

/// Calls `method` with the parameters in `json`, through the same path as a widget's call.
pub fn call_with_json(method: Method, json: &str) -> CallOutcome {
    let params = match js_sys::JSON::parse(json) {
        Ok(params) => params,
        Err(thrown) => return CallOutcome::InvalidJson(crate::browser::describe(&thrown)),
    };
    match handle_call(method, &params, &JsValue::UNDEFINED, None) {
        Handled::Accepted { id, .. } => CallOutcome::Accepted(id.to_string()),
        Handled::Rejected(error) => CallOutcome::Rejected(error.to_string()),
        Handled::Recorded(id) => CallOutcome::Accepted(id.as_string().unwrap_or_default()),
    }
}

/// No app is attached (it was unmounted): record the call for the next one, as the loader does.
fn record(method: Method, params: &JsValue, callbacks: &JsValue) -> JsValue {
    let Some(state) = shared_state() else {
        return JsValue::FALSE;
    };
    let mut ids = IdGenerator::new(
        get(&state, "session").as_string().unwrap_or_default(),
        get(&state, "seq").as_f64().unwrap_or(0.0) as u64,
    );
    let id: JsValue = ids.next_id().as_str().into();
    set(&state, "seq", &JsValue::from_f64(ids.last() as f64));
    if let Ok(pending) = get(&state, "pending").dyn_into::<Array>() {
        pending.push(&Array::of4(&method.name().into(), params, callbacks, &id));
    }
    id
}

/// Hands `call` to the store's log for the inspector; where its callbacks are noted.
fn logged(sink: &Callback<Action>, call: Option<LoggedCall>) -> Option<Trace> {
    let call = call?;
    let seq = call.seq;
    sink.emit(Action::Calls(CallAction::Logged(Box::new(call))));
    Some(Trace {
        seq,
        log: sink.clone(),
    })
}

/// Hands `action` to the attached app's store; false when no app is attached to take it.
pub(super) fn emit(action: Action) -> bool {
    let sink = ATTACHED.with_borrow(|slot| slot.as_ref().map(|a| a.sink.clone()));
    sink.map(|sink| sink.emit(action)).is_some()
}

/// Keeps a call for the next app that attaches (it replays them in order): `configure` made while
/// none is.
fn defer(name: &str, params: &JsValue) {
    if let Some(pending) =
        shared_state().and_then(|state| get(&state, "pending").dyn_into::<Array>().ok())
    {
        pending.push(&Array::of4(
            &name.into(),
            params,
            &JsValue::UNDEFINED,
            &JsValue::UNDEFINED,
        ));
    }
}

/// Finds or creates the shared notifications object and hangs it on both global names.
fn ensure_global_object() -> Object {
    let window: JsValue = js_sys::global().into();
    let existing = ["AMOCRM", "APP"]
        .iter()
        .map(|name| get(&get(&window, name), "notifications"))
        .find(|api| api.is_object());
    let api: Object = existing.map_or_else(Object::new, |api| api.unchecked_into());
    if !get(&api, STATE_KEY).is_object() {
        let state = Object::new();
        set(&state, "session", &new_session().into());
        set(&state, "seq", &JsValue::from_f64(0.0));
        set(&state, "pending", &Array::new());
        let descriptor = Object::new();
        set(&descriptor, "value", &state);
        Object::define_property(&api, &STATE_KEY.into(), &descriptor);
        for method in Method::ALL {
            let direct = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(
                move |params: JsValue, callbacks: JsValue| {
                    handle(method, &params, &callbacks, None, Reply::Id)
                },
            );
            set(&api, method.name(), &direct.into_js_value());
        }
        let configure =
            Closure::<dyn Fn(JsValue) -> JsValue>::new(|options: JsValue| configure(&options));
        set(&api, CONFIGURE, &configure.into_js_value());
    }
    for name in ["AMOCRM", "APP"] {
        let mut host = get(&window, name);
        if !host.is_object() && !host.is_function() {
            host = Object::new().into();
            set(&window, name, &host);
        }
        set(&host, "notifications", &api);
    }
    api
}

fn shared_state() -> Option<JsValue> {
    let window: JsValue = js_sys::global().into();
    let state = get(&get(&get(&window, "AMOCRM"), "notifications"), STATE_KEY);
    state.is_object().then_some(state)
}

fn new_session() -> String {
    let stamp = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
    format!(
        "{}{}",
        crate::browser::base36(stamp),
        crate::browser::base36(random)
    )
}

/// The person opened `notification` (a pop-up or a center entry): the callback its widget gave
/// `AMOCRM.addNotificationCallback` runs with the notification's data (the loader keeps the
/// callbacks, so they may be registered before the app starts).
pub(super) fn opened(notification: &Notification) {
    let Some(code) = &notification.widget_code else {
        return;
    };
    let Some(state) = shared_state() else {
        return;
    };
    if let Some(run) = get(&state, "opened").dyn_ref::<Function>() {
        let _ = run.call2(&JsValue::UNDEFINED, &code.into(), &to_js(notification));
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() && !target.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Only fails on frozen or exotic objects; the call then simply has no effect.
    let _ = Reflect::set(target, &key.into(), value);
}

/// The `text` that makes a call panic, in builds with the `fault-injection` feature (the test
/// command builds one to check the panic path; the released site never has it).
#[cfg(feature = "fault-injection")]
const PANIC_TRIGGER: &str = "__amocrm_notify_fault_injection_panic__";

#[cfg(feature = "fault-injection")]
pub(super) fn inject(input: &JsInput) {
    if matches!(input.get("text"), JsInput::String(text) if text == PANIC_TRIGGER) {
        panic!("fault injection: a call asked for a panic");
    }
}
