//! `configure({ endpoint, stream, token })` and the same settings from the page's `<meta>` tags.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::read::{describe_thrown, read_own, to_input};
use super::{ATTACHED, CONFIG, DELIVERS};
use crate::api::config::{parse_config, ENDPOINT_META, FIELDS, STREAM_META, TOKEN_META};
use crate::api::value::{JsInput, MAX_DEPTH};
use crate::store::Action;

/// The method that names the account's server; not one of the vendor's five.
pub(super) const CONFIGURE: &str = "configure";

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
    match parse_config(&input, &CONFIG.with_borrow(Clone::clone)) {
        Ok(config) => {
            apply_config(config);
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
    if fields.is_empty() {
        return;
    }
    match parse_config(&JsInput::Object(fields), &CONFIG.with_borrow(Clone::clone)) {
        Ok(config) => apply_config(config),
        Err(message) => web_sys::console::error_1(
            &message
                .replace("configure:", "configure (from <meta>):")
                .into(),
        ),
    }
}

fn apply_config(config: crate::store::ServerConfig) {
    DELIVERS.set(config.delivers());
    CONFIG.set(config.clone());
    let sink = ATTACHED.with_borrow(|slot| slot.as_ref().map(|a| a.sink.clone()));
    if let Some(sink) = sink {
        sink.emit(Action::Configure(config));
    }
}
