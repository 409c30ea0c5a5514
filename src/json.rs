//! A small JSON reader and writer for what the app stores, sends and shows: the center's records,
//! the account server's wire format and the inspector's copies. It replaced `serde_json`, whose
//! generality cost about 15 KB of the gzipped wasm for a dozen flat records.

use std::fmt::Write as _;

/// A JSON value. Objects keep their members in order; [`Json::get`] finds the last of a repeated
/// key, as `JSON.parse` does.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Nesting deeper than this is refused rather than read: no record comes near it.
const MAX_DEPTH: usize = 32;

impl Json {
    /// Reads one JSON value; the error says what is wrong and at which byte.
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            text,
            at: 0,
        };
        let value = reader.value(0)?;
        reader.skip_space();
        if reader.at < reader.bytes.len() {
            return Err(reader.unexpected());
        }
        Ok(value)
    }

    /// The member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// How the value reads in an error message.
    pub fn describe(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Compact JSON text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// JSON text indented by two spaces, for people to read.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// Writes the value; `indent` is the current depth when pretty-printing.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            // Rust writes the shortest text that reads back as the same number, never with an
            // exponent: valid JSON. JSON has no NaN or infinity; like JSON.stringify, null.
            Json::Number(n) if n.is_finite() => {
                let _ = write!(out, "{n}");
            }
            Json::Number(_) => out.push_str("null"),
            Json::String(s) => write_string(out, s),
            Json::Array(items) => write_list(out, indent, ('[', ']'), items, |out, item, inner| {
                item.write(out, inner)
            }),
            Json::Object(members) => write_list(
                out,
                indent,
                ('{', '}'),
                members,
                |out, (key, value), inner| {
                    write_string(out, key);
                    out.push_str(if inner.is_some() { ": " } else { ":" });
                    value.write(out, inner);
                },
            ),
        }
    }
}

fn write_list<T>(
    out: &mut String,
    indent: Option<usize>,
    (open, close): (char, char),
    items: &[T],
    mut each: impl FnMut(&mut String, &T, Option<usize>),
) {
    out.push(open);
    let inner = indent.map(|depth| depth + 1);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some(depth) = inner {
            new_line(out, depth);
        }
        each(out, item, inner);
    }
    if let (Some(depth), false) = (indent, items.is_empty()) {
        new_line(out, depth);
    }
    out.push(close);
}

fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::String(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}

impl From<f64> for Json {
    fn from(n: f64) -> Self {
        Json::Number(n)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Self {
        Json::Number(n as f64)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Self {
        Json::Number(n.into())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

/// Builds an object member by member.
#[derive(Default)]
pub struct ObjectBuilder(Vec<(String, Json)>);

impl ObjectBuilder {
    pub fn field(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.0.push((key.to_owned(), value.into()));
        self
    }

    /// The member only when there is a value.
    pub fn optional<T: Into<Json>>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.field(key, value),
            None => self,
        }
    }

    pub fn build(self) -> Json {
        Json::Object(self.0)
    }
}

/// The members of an object being read, with the error messages a stored record gets.
pub struct Fields<'a>(&'a Json);

impl<'a> Fields<'a> {
    pub fn of(value: &'a Json, what: &str) -> Result<Self, String> {
        match value {
            Json::Object(_) => Ok(Fields(value)),
            other => Err(format!(
                "{what} must be an object, got {}",
                other.describe()
            )),
        }
    }

    /// The member, with `null` read as absent.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.0.get(key).filter(|v| **v != Json::Null)
    }

    fn wrong(key: &str, wanted: &str, got: &Json) -> String {
        format!("field \"{key}\" must be {wanted}, got {}", got.describe())
    }

    /// A required field: absent (or `null`) is an error naming it.
    fn required<T>(key: &str, value: Option<T>) -> Result<T, String> {
        value.ok_or_else(|| format!("field \"{key}\" is missing"))
    }

    pub fn string(&self, key: &str) -> Result<String, String> {
        Self::required(key, self.optional_string(key)?)
    }

    pub fn optional_string(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(Self::wrong(key, "a string", other)),
        }
    }

    pub fn number(&self, key: &str) -> Result<f64, String> {
        match self.get(key) {
            None => Self::required(key, None),
            Some(Json::Number(n)) => Ok(*n),
            Some(other) => Err(Self::wrong(key, "a number", other)),
        }
    }

    /// A required whole number from 0 to `max`.
    pub fn whole(&self, key: &str, max: u64) -> Result<u64, String> {
        Self::required(key, self.optional_whole(key, max)?)
    }

    /// A whole number from 0 to `max`.
    pub fn optional_whole(&self, key: &str, max: u64) -> Result<Option<u64>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Number(n)) if n.fract() == 0.0 && *n >= 0.0 && *n <= max as f64 => {
                Ok(Some(*n as u64))
            }
            Some(other) => Err(Self::wrong(
                key,
                &format!("a whole number from 0 to {max}"),
                other,
            )),
        }
    }

    pub fn optional_bool(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(Self::wrong(key, "true or false", other)),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn unexpected(&self) -> String {
        match self.text[self.at..].chars().next() {
            None => "not JSON: the text ends too soon".into(),
            Some(c) => format!("not JSON: unexpected {c:?} at byte {}", self.at),
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => Err(format!(
                "not JSON this app reads: nested deeper than {MAX_DEPTH} at byte {}",
                self.at
            )),
            Some(b'{') => {
                self.at += 1;
                self.list(b'}', |r| {
                    r.skip_space();
                    if r.bytes.get(r.at) != Some(&b'"') {
                        return Err(r.unexpected());
                    }
                    let key = r.string()?;
                    r.expect(b':')?;
                    Ok((key, r.value(depth + 1)?))
                })
                .map(Json::Object)
            }
            Some(b'[') => {
                self.at += 1;
                self.list(b']', |r| r.value(depth + 1)).map(Json::Array)
            }
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for (word, value) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.text[self.at..].starts_with(word) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(self.unexpected())
            }
        }
    }

    /// The items of an array or the members of an object, up to `close`; `self.at` is just past
    /// the opening bracket.
    fn list<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let mut items = Vec::new();
        self.skip_space();
        if self.bytes.get(self.at) == Some(&close) {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            self.skip_space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(&b) if b == close => {
                    self.at += 1;
                    return Ok(items);
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.bytes.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let whole = self.at;
        // At least one digit, and no leading zero ("01").
        if !digits(self) || (self.bytes[whole] == b'0' && self.at - whole > 1) {
            return Err(format!("not JSON: a malformed number at byte {start}"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(format!("not JSON: a malformed number at byte {start}"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(format!("not JSON: a malformed number at byte {start}"));
            }
        }
        match self.text[start..self.at].parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Json::Number(n)),
            _ => Err(format!(
                "not JSON this app reads: a number out of range at byte {start}"
            )),
        }
    }

    /// A string; `self.at` is on its opening quote.
    fn string(&mut self) -> Result<String, String> {
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one go.
            let run = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .ok_or_else(|| "not JSON: the text ends too soon".to_owned())?;
            out.push_str(&self.text[self.at..self.at + run]);
            self.at += run;
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let escape = self.bytes.get(self.at + 1).copied();
                    self.at += 2;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first)
                                && self.text[self.at..].starts_with("\\u")
                            {
                                let back = self.at;
                                self.at += 2;
                                let second = self.hex4()?;
                                if (0xDC00..0xE000).contains(&second) {
                                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                                } else {
                                    self.at = back;
                                    first
                                }
                            } else {
                                first
                            };
                            // A lone surrogate has no character: the replacement character.
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            return Err(format!(
                                "not JSON: an invalid escape at byte {}",
                                self.at - 2
                            ))
                        }
                    }
                }
                _ => {
                    return Err(format!(
                        "not JSON: a control character in the string at byte {start}"
                    ))
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let hex = self
            .text
            .get(self.at..self.at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| format!("not JSON: an invalid \\u escape at byte {}", self.at - 2))?;
        self.at += 4;
        Ok(u32::from_str_radix(hex, 16).expect("four hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes() {
        let value = ObjectBuilder::default()
            .field("text", "a \"quoted\"\n\ttext \\ with \u{1} and ✓ 😀")
            .field("date", 1_700_000_000_000.5)
            .field("whole", 42u32)
            .field("read", false)
            .optional("icon", None::<&str>)
            .field(
                "list",
                Json::Array(vec![Json::Null, Json::from(-0.25), Json::Array(vec![])]),
            )
            .field("empty", Json::Object(vec![]))
            .build();
        for text in [value.to_text(), value.to_pretty()] {
            assert_eq!(Json::parse(&text), Ok(value.clone()), "{text}");
        }
        assert_eq!(
            value.to_text(),
            r#"{"text":"a \"quoted\"\n\ttext \\ with \u0001 and ✓ 😀","date":1700000000000.5,"whole":42,"read":false,"list":[null,-0.25,[]],"empty":{}}"#
        );
        assert_eq!(
            Json::parse(r#"{"a":[1]}"#).unwrap().to_pretty(),
            "{\n  \"a\": [\n    1\n  ]\n}"
        );
    }

    #[test]
    fn reads_json_written_by_others() {
        // serde_json wrote the records before this module: floats with ".0", escapes, surrogates.
        let value = Json::parse(
            " {\"v\":1,\"date\":1700000000000.0,\"e\":-1.5e3,\"s\":\"\\u00e9\\ud83d\\ude00\\/\",\"n\":null,\"t\":true} ",
        )
        .unwrap();
        assert_eq!(value.get("date"), Some(&Json::Number(1_700_000_000_000.0)));
        assert_eq!(value.get("e"), Some(&Json::Number(-1500.0)));
        assert_eq!(value.get("s"), Some(&Json::from("é😀/")));
        assert_eq!(value.get("n"), Some(&Json::Null));
        assert_eq!(value.get("t"), Some(&Json::Bool(true)));
        assert_eq!(Json::parse(r#""\ud800x""#), Ok(Json::from("\u{FFFD}x")));
        assert_eq!(
            Json::parse(r#"{"a":1,"a":2}"#).unwrap().get("a"),
            Some(&Json::Number(2.0))
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for (text, error) in [
            ("", "not JSON: the text ends too soon"),
            ("{", "not JSON: the text ends too soon"),
            ("{not json", "not JSON: unexpected 'n' at byte 1"),
            ("{\"a\" 1}", "not JSON: unexpected '1' at byte 5"),
            ("[1,]", "not JSON: unexpected ']' at byte 3"),
            ("01", "not JSON: a malformed number at byte 0"),
            ("1.", "not JSON: a malformed number at byte 0"),
            ("-", "not JSON: a malformed number at byte 0"),
            (
                "1e999",
                "not JSON this app reads: a number out of range at byte 0",
            ),
            (
                "\"a\u{1}\"",
                "not JSON: a control character in the string at byte 0",
            ),
            ("\"\\x\"", "not JSON: an invalid escape at byte 1"),
            ("\"\\u12\"", "not JSON: an invalid \\u escape at byte 1"),
            ("\"open", "not JSON: the text ends too soon"),
            ("true false", "not JSON: unexpected 'f' at byte 5"),
            ("NaN", "not JSON: unexpected 'N' at byte 0"),
        ] {
            assert_eq!(Json::parse(text), Err(error.to_owned()), "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(Json::parse(&deep)
            .unwrap_err()
            .contains("nested deeper than 32"));
        assert_eq!(Json::Number(f64::NAN).to_text(), "null");
    }
}
