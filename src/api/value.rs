//! The payload a widget passed, copied out of JavaScript into plain Rust so that parsing and
//! validation never touch `JsValue` and run natively in tests.

/// The keys read from a payload object (and from its `text` and `element` objects). Reading only
/// these keeps a huge or hostile object from costing more than a few property reads.
pub const KNOWN_KEYS: &[&str] = &[
    "header",
    "text",
    "date",
    "icon",
    "link",
    "type",
    "from",
    "to",
    "element",
    "duration",
    "click_link",
    "timeout",
    "id",
    "name",
    "without_header",
    "button_text",
    "widget_code",
];

/// The [`KNOWN_KEYS`] that belong to `element` only: at the top of a payload they are unknown.
const ELEMENT_ONLY_KEYS: &[&str] = &["id", "name"];

/// Whether the API reads `key` at the top of a payload (of some method); any other key is unknown,
/// warned about once (a typo like `hedaer` is otherwise silent).
pub fn is_payload_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key) && !ELEMENT_ONLY_KEYS.contains(&key)
}

/// The keys the API reads at the top of a payload, for suggestions.
pub fn payload_keys() -> impl Iterator<Item = &'static str> {
    KNOWN_KEYS
        .iter()
        .copied()
        .filter(|key| !ELEMENT_ONLY_KEYS.contains(key))
}

/// How deep nested objects are read: the payload, then `text` / `element`, then their fields.
pub const MAX_DEPTH: usize = 2;

/// A JavaScript value, as far as a payload needs it.
#[derive(Clone, Debug, PartialEq)]
pub enum JsInput {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A `Date`, as milliseconds since the epoch (NaN for an invalid date).
    Date(f64),
    Array,
    Function,
    /// An object: the [`KNOWN_KEYS`] it has, in that order.
    Object(Vec<(&'static str, JsInput)>),
    /// A property whose getter threw, with what it threw.
    Unreadable(String),
    /// Anything else (a symbol, a bigint, an object nested deeper than [`MAX_DEPTH`]).
    Other(&'static str),
}

impl JsInput {
    /// The field `key` of an object; `Undefined` when absent or when this is not an object.
    pub fn get(&self, key: &str) -> &JsInput {
        match self {
            JsInput::Object(fields) => fields
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(&JsInput::Undefined, |(_, v)| v),
            _ => &JsInput::Undefined,
        }
    }

    /// How the value reads in an error message: `null`, `a number`, `an object`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            JsInput::Undefined => "undefined",
            JsInput::Null => "null",
            JsInput::Bool(_) => "a boolean",
            JsInput::Number(_) => "a number",
            JsInput::String(_) => "a string",
            JsInput::Date(_) => "a Date",
            JsInput::Array => "an array",
            JsInput::Function => "a function",
            JsInput::Object(_) => "an object",
            JsInput::Unreadable(_) => "a value that throws when read",
            JsInput::Other(what) => what,
        }
    }
}

/// Formats a number as JavaScript's `String(n)` does for the values widgets pass.
pub fn js_number_to_string(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if n == 0.0 {
        "0".into()
    } else {
        format!("{n}")
    }
}
