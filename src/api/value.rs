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
        crate::browser::number_text(n)
    }
}

/// Reads a decimal number as widgets write them in strings: an optional sign, digits with an
/// optional fraction, an optional exponent (`"5000"`, `"1.5"`, `"-2e3"`). Surrounding space is not
/// allowed; anything else (`"0x10"`, `"Infinity"`, `""`) is `None`. Written out rather than
/// `str::parse::<f64>`, whose exact-rounding tables the wasm build would otherwise carry: the
/// result is exact when the digits are fewer than 2^53 and the power of ten at most 22, and
/// within a few units in the last place otherwise.
pub fn parse_number(s: &str) -> Option<f64> {
    let (negative, b) = split_sign(s.as_bytes());
    let mut at = 0;
    let mut mantissa = 0u64;
    let mut scale = 0i32; // the power of ten the mantissa is multiplied by
    let mut digits = 0;
    let mut seen_point = false;
    while let Some(&c) = b.get(at) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    scale -= i32::from(seen_point);
                } else {
                    scale += i32::from(!seen_point);
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        at += 1;
    }
    if digits == 0 {
        return None;
    }
    match &b[at..] {
        [] => {}
        [b'e' | b'E', rest @ ..] => {
            let (negative, digits) = split_sign(rest);
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let exponent = digits
                .iter()
                .fold(0i32, |e, &c| (e * 10 + i32::from(c - b'0')).min(10_000));
            scale += if negative { -exponent } else { exponent };
        }
        _ => return None,
    }
    // Dividing by an exact power of ten rounds once, so "0.1" is the double nearest 0.1.
    let value = mantissa as f64;
    let value = if scale >= 0 {
        value * 10f64.powi(scale)
    } else if scale >= -22 {
        value / 10f64.powi(-scale)
    } else {
        value / 10f64.powi(22) / 10f64.powi(-scale - 22)
    };
    Some(if negative { -value } else { value })
}

/// A leading `-` or `+` off `digits`: whether it was `-`, and the rest.
fn split_sign(digits: &[u8]) -> (bool, &[u8]) {
    match digits {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, digits),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers_in_strings_read_as_rust_reads_them() {
        for text in [
            "0",
            "5000",
            "+5",
            "-2",
            "1.5",
            "0.1",
            ".5",
            "5.",
            "2e3",
            "2E-3",
            "-1.25e+2",
            "007",
            "9007199254740992",
            "0.000001",
            "1e22",
            "1e-22",
        ] {
            assert_eq!(parse_number(text), text.parse::<f64>().ok(), "{text}");
        }
        // Past 2^53 or 10^22, close: far closer than a timestamp or a timeout needs.
        for text in [
            "123456789012345678901234",
            "9007199254740993",
            "1.00000000000000000001",
            "1e-30",
            "1e308",
        ] {
            let (ours, exact) = (parse_number(text).unwrap(), text.parse::<f64>().unwrap());
            assert!(
                ((ours - exact) / exact).abs() < 1e-14,
                "{text}: {ours} vs {exact}"
            );
        }
    }

    #[test]
    fn anything_else_is_not_a_number() {
        for text in [
            "", " 5", "5 ", ".", "-", "e3", "1e", "1e+", "0x10", "Infinity", "NaN", "1.2.3", "5px",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn integers_and_cents_round_trip(n in 0u64..(1 << 46), cents in 0u32..100) {
            proptest::prop_assert_eq!(parse_number(&n.to_string()), Some(n as f64));
            let text = format!("{n}.{cents:02}");
            proptest::prop_assert_eq!(parse_number(&text), text.parse::<f64>().ok());
        }
    }
}
