//! `configure({ endpoint, stream, token, renew_token })` and the same settings from the page's
//! `<meta>` tags; and what delivery asks of the page when the server refuses the person's token:
//! a new one from `renew_token`, or the `amocrm-notify:unauthorized` event.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::read::{describe_thrown, read_own, to_input};
use super::{defer, emit};
use crate::api::config::{
    parse_config, RenewalReason, ENDPOINT_META, FIELDS, RENEW_TOKEN_META, STREAM_META, TOKEN_META,
    UNAUTHORIZED_EVENT,
};
use crate::api::value::{JsInput, MAX_DEPTH};
use crate::store::{Action, SettingsAction};

/// The method that names the account's server; not one of the vendor's five.
pub(super) const CONFIGURE: &str = "configure";

/// Where a new token comes from.
enum Renewer {
    /// `configure({ renew_token })`.
    Function(Function),
    /// `<meta name="amocrm-notify:renew-token" content="name">`: a global function, looked up
    /// when it is needed (the page may define it after the tag).
    Global(String),
}

thread_local! {
    static RENEWER: RefCell<Option<Renewer>> = const { RefCell::new(None) };
}

/// `configure({ endpoint, stream })`: true when the configuration was taken, else false and one
/// `console.error` naming the field.
pub(super) fn configure(options: &JsValue) -> JsValue {
    let input = if options.is_object() && !options.is_function() && !Array::is_array(options) {
        let field = |key: &'static str| match read_own(options.unchecked_ref(), &key.into()) {
            Some(Ok(value)) => Some((key, to_input(&value, MAX_DEPTH))),
            Some(Err(thrown)) => Some((key, JsInput::Unreadable(describe_thrown(&thrown)))),
            None => None,
        };
        JsInput::Object(FIELDS.into_iter().filter_map(field).collect())
    } else {
        to_input(options, MAX_DEPTH)
    };
    match parse_config(&input) {
        Ok(change) => {
            match read_own(options.unchecked_ref(), &"renew_token".into()) {
                Some(Ok(f)) if f.is_function() => {
                    RENEWER.set(Some(Renewer::Function(f.unchecked_into())))
                }
                Some(Ok(f)) if f.is_null() => RENEWER.set(None),
                _ => {}
            }
            if !emit(Action::Settings(SettingsAction::Configure(change))) {
                // No app to take it now: the next one does, in order with the other calls.
                defer(CONFIGURE, options);
            }
            JsValue::TRUE
        }
        Err(message) => {
            web_sys::console::error_1(&message.into());
            JsValue::FALSE
        }
    }
}

/// The `<meta name="amocrm-notify:endpoint|stream">` tags, read once at start-up.
pub(super) fn configure_from_meta() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let content = |name: &str| {
        document
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
    };
    if let Some(name) = content(RENEW_TOKEN_META).filter(|n| !n.trim().is_empty()) {
        RENEWER.set(Some(Renewer::Global(name.trim().to_owned())));
    }
    let fields: Vec<_> = [
        ("endpoint", content(ENDPOINT_META)),
        ("stream", content(STREAM_META)),
        ("token", content(TOKEN_META)),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key, JsInput::String(value?))))
    .collect();
    if fields.is_empty() {
        return;
    }
    match parse_config(&JsInput::Object(fields)) {
        Ok(change) => {
            emit(Action::Settings(SettingsAction::Configure(change)));
        }
        Err(message) => web_sys::console::error_1(
            &message
                .replace("configure:", "configure (from <meta>):")
                .into(),
        ),
    }
}

/// The page gave a way to renew the person's token.
pub fn has_token_renewer() -> bool {
    RENEWER.with_borrow(Option::is_some)
}

/// Asks the page's `renew_token` for a new token: `reason` is `"expiring"` (shortly before the
/// `current` one's `exp`) or `"refused"` (the server answered 401). The function gets
/// `{ reason, token }` (the current token) and returns the new token or a promise of one.
/// `Ok(None)` when the page gave none; `Err` with the console message when it threw, rejected or
/// returned something that is not a token.
pub async fn renew_token(
    reason: RenewalReason,
    current: Option<&str>,
) -> Result<Option<String>, String> {
    let function = RENEWER.with_borrow(|renewer| match renewer {
        Some(Renewer::Function(f)) => Some(Ok(f.clone())),
        Some(Renewer::Global(name)) => Some(
            Reflect::get(&js_sys::global(), &name.as_str().into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .ok_or_else(|| format!("the global function \"{name}\" (named by <meta name=\"{RENEW_TOKEN_META}\">) is not defined")),
        ),
        None => None,
    });
    let function = match function {
        None => return Ok(None),
        Some(Err(why)) => return Err(renewal_failed(&why)),
        Some(Ok(f)) => f,
    };
    let argument = Object::new();
    let _ = Reflect::set(&argument, &"reason".into(), &reason.as_str().into());
    let _ = Reflect::set(
        &argument,
        &"token".into(),
        &current.map_or(JsValue::NULL, JsValue::from_str),
    );
    let returned = function
        .call1(&JsValue::UNDEFINED, &argument)
        .map_err(|thrown| renewal_failed(&format!("it threw {}", describe_thrown(&thrown))))?;
    let value = if returned.has_type::<js_sys::Promise>() {
        JsFuture::from(returned.unchecked_into::<js_sys::Promise>())
            .await
            .map_err(|thrown| {
                renewal_failed(&format!(
                    "its promise rejected with {}",
                    describe_thrown(&thrown)
                ))
            })?
    } else {
        returned
    };
    let token = value.as_string().ok_or_else(|| {
        renewal_failed("it did not return a token (a string, or a promise of one)")
    })?;
    let fields = vec![("token", JsInput::String(token))];
    match parse_config(&JsInput::Object(fields)) {
        Ok(change) => {
            let token = change.token.clone().flatten();
            emit(Action::Settings(SettingsAction::Configure(change)));
            Ok(token)
        }
        Err(message) => Err(renewal_failed(&message)),
    }
}

fn renewal_failed(why: &str) -> String {
    format!("AMOCRM.notifications.configure: \"renew_token\" gave no new token: {why}")
}

/// Takes `token` as `configure({ token })` does: a token another tab renewed. False when it is
/// not a token.
pub fn set_token(token: &str) -> bool {
    let fields = vec![("token", JsInput::String(token.to_owned()))];
    match parse_config(&JsInput::Object(fields)) {
        Ok(change) => emit(Action::Settings(SettingsAction::Configure(change))),
        Err(_) => false,
    }
}

/// Dispatches `amocrm-notify:unauthorized` on `window`, with `detail: { code, message }` (the
/// server's error code, `token_expired` or `unauthorized`, and its message).
pub fn unauthorized(code: &str, message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"code".into(), &code.into());
    let _ = Reflect::set(&detail, &"message".into(), &message.into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(UNAUTHORIZED_EVENT, &init) {
        let _ = window.dispatch_event(&event);
    }
}
