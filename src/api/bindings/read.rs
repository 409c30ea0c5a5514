//! Copying a widget's arguments out of JavaScript into a [`JsInput`], once: own properties only, the
//! [`KNOWN_KEYS`] of objects (read in one crossing), and the payload's other keys for the warnings.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::get;
use crate::api::inspector;
use crate::api::value::{is_payload_key, JsInput, KNOWN_KEYS, MAX_DEPTH};

thread_local! {
    /// [`KNOWN_KEYS`] as JavaScript strings, made once: decoding them on every call cost about a third
    /// of each call's time (the profile in the README's Performance section).
    static KEY_VALUES: Array = KNOWN_KEYS.iter().map(|&key| JsValue::from_str(key)).collect();
    /// Where [`read_known`] puts the values it read: one array, reused by every call.
    static READ_OUT: Array = Array::new();
}

/// Copies a JavaScript value into a [`JsInput`], reading only the [`KNOWN_KEYS`] of objects.
pub(super) fn to_input(value: &JsValue, depth: usize) -> JsInput {
    if value.is_undefined() {
        JsInput::Undefined
    } else if value.is_null() {
        JsInput::Null
    } else if let Some(s) = value.as_string() {
        // Strings first: most fields are strings.
        JsInput::String(s)
    } else if let Some(n) = value.as_f64() {
        JsInput::Number(n)
    } else if let Some(b) = value.as_bool() {
        JsInput::Bool(b)
    } else if value.is_function() {
        JsInput::Function
    } else if value.is_bigint() {
        JsInput::Other("a bigint")
    } else if value.is_symbol() {
        JsInput::Other("a symbol")
    } else {
        // Ask for the prototype first: a revoked or hostile Proxy throws here, where the error is
        // caught, rather than inside `Array.isArray` or `instanceof`, where it would not be.
        let prototype = match Reflect::get_prototype_of(value) {
            Ok(prototype) => prototype,
            Err(thrown) => return JsInput::Unreadable(crate::browser::describe(&thrown)),
        };
        if Array::is_array(value) {
            JsInput::Array
        } else if is_date_prototype(&prototype) {
            JsInput::Date(value.unchecked_ref::<js_sys::Date>().get_time())
        } else if depth >= MAX_DEPTH {
            JsInput::Other("an object nested too deep")
        } else {
            // One call into JavaScript reads every known key; only the keys it found cross back.
            // They are all taken out of the shared array before a nested object reuses it.
            let read: Vec<(&'static str, Result<JsValue, JsValue>)> = KEY_VALUES.with(|keys| {
                READ_OUT.with(|out| {
                    let found = read_known(value.unchecked_ref(), keys, out) as u64;
                    KNOWN_KEYS
                        .iter()
                        .enumerate()
                        .filter_map(|(i, &key)| {
                            let index = i as u32;
                            if found & (1 << index) != 0 {
                                Some((key, Ok(out.get(index))))
                            } else if found & (1 << (index + 26)) != 0 {
                                Some((key, Err(out.get(index))))
                            } else {
                                None
                            }
                        })
                        .collect()
                })
            });
            let fields = read
                .into_iter()
                .map(|(key, field)| match field {
                    Ok(field) => (key, to_input(&field, depth + 1)),
                    Err(thrown) => (key, JsInput::Unreadable(crate::browser::describe(&thrown))),
                })
                .collect();
            JsInput::Object(fields)
        }
    }
}

/// The payload's own keys the API does not read, with their values (for the inspector; read only
/// while it is on). Few: one crossing into JavaScript, and nothing more when there are none.
pub(super) fn unknown_keys(params: &JsValue) -> Vec<(String, JsInput)> {
    if !params.is_object() {
        return Vec::new();
    }
    let object: &Object = params.unchecked_ref();
    let keys = own_keys(object);
    if keys.length() == 0 {
        return Vec::new();
    }
    keys.iter()
        .filter_map(|key| key.as_string())
        .filter(|key| !is_payload_key(key) && !is_prototype_key(key))
        .take(16)
        .map(|key| {
            let value = if inspector::is_on() {
                match read_own(object, &JsValue::from_str(&key)) {
                    Some(Ok(value)) => to_input(&value, MAX_DEPTH),
                    Some(Err(thrown)) => JsInput::Unreadable(crate::browser::describe(&thrown)),
                    None => JsInput::Undefined,
                }
            } else {
                JsInput::Undefined
            };
            (key, value)
        })
        .collect()
}

/// `__proto__` and friends, as a JSON-parsed payload may carry them: not typos, and never read.
fn is_prototype_key(key: &str) -> bool {
    matches!(key, "__proto__" | "constructor" | "prototype")
}

#[wasm_bindgen(module = "/src/snippets.js")]
extern "C" {
    /// The own enumerable string keys of a plain object; none for an array, or when a Proxy's
    /// trap throws.
    fn own_keys(object: &Object) -> Array;
    /// Reads each of `keys` into `out[i]`; bit i of the answer says the key was found, bit i + 26
    /// that reading it threw.
    fn read_known(object: &Object, keys: &Array, out: &Array) -> f64;
}

const _: () = assert!(KNOWN_KEYS.len() <= 26, "read_known answers in 2 × 26 bits");

/// The object's own property `key`: `None` when absent or only inherited (a polluted
/// `Object.prototype.text` must not fill in a missing `text`), `Err` when reading it threw.
pub(super) fn read_own(object: &Object, key: &JsValue) -> Option<Result<JsValue, JsValue>> {
    match Reflect::get(object, key) {
        Ok(value) if value.is_undefined() => None,
        Ok(value) => match Reflect::get_own_property_descriptor(object, key) {
            Ok(own) if own.is_undefined() => None,
            Ok(_) => Some(Ok(value)),
            Err(thrown) => Some(Err(thrown)),
        },
        Err(thrown) => Some(Err(thrown)),
    }
}

fn is_date_prototype(prototype: &js_sys::Object) -> bool {
    // Looked up once, and compared in place: this sits on the path of every call.
    thread_local! {
        static DATE_PROTOTYPE: JsValue = get(&get(&js_sys::global(), "Date"), "prototype");
    }
    DATE_PROTOTYPE.with(|date| AsRef::<JsValue>::as_ref(prototype) == date)
}
