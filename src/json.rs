//! JSON in and out of the app (the protocol crate's serde types): serde-wasm-bindgen for
//! JavaScript values, and the browser's own `JSON` where text is needed, so the app ships no JSON
//! library of its own.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a plain JavaScript value (objects, arrays, numbers; never a `Map` or a `BigInt`).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// `value` as JSON text.
pub(crate) fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    stringify(&to_js(value), None)
}

/// `value` as indented JSON text, for people to read.
pub(crate) fn to_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    stringify(&to_js(value), Some(2))
}

/// Reads a `T` out of JSON text; the error says whether the text or its shape is wrong.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    from_text_with(text, |data| T::deserialize(data))
}

/// Reads JSON text with `read`, a deserializing function such as
/// [`Event::deserialize_named`](amocrm_notify_protocol::http_api::Event::deserialize_named).
pub(crate) fn from_text_with<T>(
    text: &str,
    read: impl FnOnce(serde_wasm_bindgen::Deserializer) -> Result<T, serde_wasm_bindgen::Error>,
) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        format!("not JSON: {message}")
    })?;
    read(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| e.to_string())
}

fn stringify(value: &JsValue, indent: Option<u32>) -> String {
    let text = match indent {
        Some(n) => {
            js_sys::JSON::stringify_with_replacer_and_space(value, &JsValue::NULL, &n.into())
        }
        None => js_sys::JSON::stringify(value),
    };
    text.ok().and_then(|t| t.as_string()).unwrap_or_default()
}
