//! `configure({ endpoint, stream, token, renew_token })` and the same settings from the page's
//! `<meta>` tags; and what delivery asks of the page when the server refuses the person's token:
//! a new one from `renew_token`, or the `amocrm-notify:unauthorized` event.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::read::{read_own, to_input};
use super::{defer, emit};
use crate::api::config::{
    parse_config, token_change, RenewalReason, ENDPOINT_META, FIELDS, RENEW_TOKEN_META,
    STREAM_META, TOKEN_META, UNAUTHORIZED_EVENT,
};
use crate::api::value::{JsInput, MAX_DEPTH};
use crate::store::{Action, ConfigChange, Renewer, SettingsAction};

/// The method that names the account's server; not one of the vendor's five.
pub(super) const CONFIGURE: &str = "configure";

/// `configure({ endpoint, stream })`: true when the configuration was taken, else false and one
/// `console.error` naming the field.
pub(super) fn configure(options: &JsValue) -> JsValue {
    let input = if options.is_object() && !options.is_function() && !Array::is_array(options) {
        let field = |key: &'static str| match read_own(options.unchecked_ref(), &key.into()) {
            Some(Ok(value)) => Some((key, to_input(&value, MAX_DEPTH))),
            Some(Err(thrown)) => {
                Some((key, JsInput::Unreadable(crate::browser::describe(&thrown))))
            }
            None => None,
        };
        JsInput::Object(FIELDS.into_iter().filter_map(field).collect())
    } else {
        to_input(options, MAX_DEPTH)
    };
    match parse_config(&input) {
        Ok(mut change) => {
            change.renewer = match read_own(options.unchecked_ref(), &"renew_token".into()) {
                Some(Ok(f)) if f.is_function() => Some(Some(Renewer::Function(f.unchecked_into()))),
                Some(Ok(f)) if f.is_null() => Some(None),
                _ => None,
            };
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
    let fields: Vec<_> = [
        ("endpoint", content(ENDPOINT_META)),
        ("stream", content(STREAM_META)),
        ("token", content(TOKEN_META)),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key, JsInput::String(value?))))
    .collect();
    let renewer = content(RENEW_TOKEN_META)
        .filter(|name| !name.trim().is_empty())
        .map(|name| Renewer::Global(name.trim().to_owned()));
    if fields.is_empty() && renewer.is_none() {
        return;
    }
    let change = parse_config(&JsInput::Object(fields)).unwrap_or_else(|message| {
        let message = message.replace("configure:", "configure (from <meta>):");
        web_sys::console::error_1(&message.into());
        ConfigChange::default()
    });
    emit(Action::Settings(SettingsAction::Configure(ConfigChange {
        renewer: renewer.map(Some),
        ..change
    })));
}

/// Asks `renewer`, the page's `renew_token`, for a new token: `reason` is `"expiring"` (shortly
/// before the `current` one's `exp`) or `"refused"` (the server answered 401). The function gets
/// `{ reason, token }` (the current token) and returns the new token or a promise of one. The
/// change that takes it, or `Err` with the console message when it threw, rejected or returned
/// something that is not a token.
pub async fn renew_token(
    renewer: &Renewer,
    reason: RenewalReason,
    current: Option<&str>,
) -> Result<ConfigChange, String> {
    let function = match renewer {
        Renewer::Function(f) => f.clone(),
        Renewer::Global(name) => Reflect::get(&js_sys::global(), &name.as_str().into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| renewal_failed(&format!("the global function \"{name}\" (named by <meta name=\"{RENEW_TOKEN_META}\">) is not defined")))?,
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
        .map_err(|thrown| {
            renewal_failed(&format!("it threw {}", crate::browser::describe(&thrown)))
        })?;
    let value = if returned.has_type::<js_sys::Promise>() {
        JsFuture::from(returned.unchecked_into::<js_sys::Promise>())
            .await
            .map_err(|thrown| {
                renewal_failed(&format!(
                    "its promise rejected with {}",
                    crate::browser::describe(&thrown)
                ))
            })?
    } else {
        returned
    };
    let token = value.as_string().ok_or_else(|| {
        renewal_failed("it did not return a token (a string, or a promise of one)")
    })?;
    token_change(token).map_err(|message| renewal_failed(&message))
}

fn renewal_failed(why: &str) -> String {
    format!("AMOCRM.notifications.configure: \"renew_token\" gave no new token: {why}")
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
