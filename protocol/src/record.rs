//! A center entry on the wire: stored by the app in IndexedDB, sent to the other tabs, posted to the
//! account's server and streamed back from it. One versioned shape, checked by [`Record::check`] on
//! every side, so a tampered record or a forged post never gets past what the API itself refuses.

use serde::{Deserialize, Serialize};

use crate::channel::ChannelStatus;
use crate::error::FieldError;
use crate::kinds::{EntityKind, EntryKind, Method};
use crate::link::Link;
use crate::markup::Markup;

/// The record schema this build writes and reads.
pub const SCHEMA: u32 = 1;

/// The longest `header` or `text`, in bytes: the API accepts a 1 MB text, and so does the server.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// The longest short field (`from`, `to`, `element.name`), in bytes.
pub const MAX_FIELD_BYTES: usize = 64 << 10;
/// The longest URL, in bytes.
pub const MAX_URL_BYTES: usize = 8 << 10;
/// The longest id, in bytes.
pub const MAX_ID_BYTES: usize = 200;
/// A week: a longer call duration is nonsense.
pub const MAX_DURATION_SECS: u32 = 7 * 24 * 3600;
/// The largest integer a JavaScript number holds exactly: element ids above it cannot be stored.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A center entry (`add_error` or `add_call`) as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The record's schema: 1.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1))]
    pub v: u32,
    /// Unique for the person: 1 to 200 bytes, no control characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub id: String,
    /// `add_error` or `add_call`.
    pub method: Method,
    /// `error` or `call`, as the method makes.
    pub kind: EntryKind,
    /// The widget's markup, as it passed it (at most 1 MB; the header or the text must show
    /// something).
    #[cfg_attr(feature = "openapi", schema(max_length = 1048576))]
    pub header: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1048576))]
    pub text: String,
    /// Milliseconds since the Unix epoch.
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub date: f64,
    /// An http(s) URL or a path on the CRM's site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 8192))]
    pub icon: Option<String>,
    /// Where opening the entry goes: an http(s) URL or a path on the CRM's site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 8192))]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<CallRecord>,
    /// False when absent.
    #[serde(default)]
    pub read: bool,
    /// Where the entry stands with the account's server; `local` when absent.
    #[serde(default)]
    pub delivery: Delivery,
    /// Where the server sent it beyond the interface (email, push), as far as it has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<ChannelStatus>,
    /// The widget whose `AMOCRM.addNotificationCallback` runs when the person opens the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{1,64}$"))]
    pub widget_code: Option<String>,
}

/// The longest widget code, in bytes.
pub const MAX_WIDGET_CODE_BYTES: usize = 64;

/// A widget code as amoCRM gives them: letters, digits, `_` and `-`, at most
/// [`MAX_WIDGET_CODE_BYTES`].
pub fn is_widget_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_WIDGET_CODE_BYTES
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The fields of a call; each is left out of the JSON when absent.
// (A missing field reads as `None`: serde reads every `Option` so, without `default`.)
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CallRecord {
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<ElementRecord>,
    /// Seconds, at most a week.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 604800))]
    pub duration: Option<u32>,
    /// The recording.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 8192))]
    pub link: Option<String>,
    /// Where clicking the call goes, instead of the element's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 8192))]
    pub click_link: Option<String>,
}

/// The CRM entity a call is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ElementRecord {
    /// `contact`, `lead` or `company` (the plural forms are read too).
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// A positive integer a JavaScript number holds exactly.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 1, maximum = 9007199254740991_u64)
    )]
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    pub name: Option<String>,
}

/// Where an entry stands with the account's server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    /// No server is configured: the entry lives in this browser only.
    #[default]
    Local,
    /// Waiting in the outbox for the server to take it.
    Pending,
    /// The server has it.
    Delivered,
}

impl Record {
    /// What a record must hold to enter a center, on any side: the same rules the API applies to
    /// a widget's call. The error names the field.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.v != SCHEMA {
            return Err(FieldError::new(
                "v",
                format!("is schema {} (this build reads {SCHEMA})", self.v),
            ));
        }
        check_id(&self.id)?;
        let Some(kind) = self.method.entry_kind() else {
            return Err(FieldError::new(
                "method",
                format!(
                    "\"{}\" is not stored in the center (add_error or add_call)",
                    self.method.name()
                ),
            ));
        };
        if self.kind != kind {
            return Err(FieldError::new(
                "kind",
                format!(
                    "\"{}\" does not go with {}",
                    self.kind.name(),
                    self.method.name()
                ),
            ));
        }
        let call_method = kind == EntryKind::Call;
        if let Some(code) = &self.widget_code {
            if !is_widget_code(code) {
                return Err(FieldError::new(
                    "widget_code",
                    "must be letters, digits, \"_\" and \"-\", at most 64",
                ));
            }
        }
        check_length("header", &self.header, MAX_TEXT_BYTES)?;
        check_length("text", &self.text, MAX_TEXT_BYTES)?;
        if Markup::parse(&self.header).is_blank() && Markup::parse(&self.text).is_blank() {
            return Err(FieldError::new(
                "text",
                "is empty: there is nothing to show",
            ));
        }
        if !self.date.is_finite() || self.date < 0.0 {
            return Err(FieldError::new(
                "date",
                "must be a non-negative number of milliseconds",
            ));
        }
        check_link("icon", self.icon.as_deref())?;
        check_link("link", self.link.as_deref())?;
        match (&self.call, call_method) {
            (Some(call), true) => call.check(),
            (Some(_), false) => Err(FieldError::new("call", "is only for add_call")),
            (None, _) => Ok(()),
        }
    }

    /// True when `other` is the same notification, whatever its read state and delivery: a repeat
    /// of a post carries the same content even if the entry was read meanwhile.
    pub fn same_content(&self, other: &Record) -> bool {
        let bare = |r: &Record| Record {
            read: false,
            delivery: Delivery::Local,
            sent: Vec::new(),
            ..r.clone()
        };
        bare(self) == bare(other)
    }
}

impl CallRecord {
    fn check(&self) -> Result<(), FieldError> {
        check_short("call.from", self.from.as_deref())?;
        check_short("call.to", self.to.as_deref())?;
        if let Some(element) = &self.element {
            if element.id == 0 || element.id > MAX_SAFE_INTEGER {
                return Err(FieldError::new(
                    "call.element.id",
                    format!("must be a positive integer up to {MAX_SAFE_INTEGER}"),
                ));
            }
            check_short("call.element.name", element.name.as_deref())?;
        }
        if self.duration.is_some_and(|d| d > MAX_DURATION_SECS) {
            return Err(FieldError::new(
                "call.duration",
                format!("must be at most {MAX_DURATION_SECS} seconds"),
            ));
        }
        check_link("call.link", self.link.as_deref())?;
        check_link("call.click_link", self.click_link.as_deref())
    }
}

/// The order of center entries, oldest first: by date, then, on a tie, by id, where the app's ids
/// (`<session>-<number>`) sort by session and then by number as a number, so `s-10` follows `s-9`.
/// The center shows it newest first; an email digest reads it as it is. One rule for both, so the
/// two never disagree about what came first.
pub fn entry_order(a: (f64, &str), b: (f64, &str)) -> std::cmp::Ordering {
    // Dates first: the ids are parsed only on a tie.
    a.0.total_cmp(&b.0)
        .then_with(|| id_order_key(a.1).cmp(&id_order_key(b.1)))
}

/// An id as [`entry_order`] sorts it: its session and its number, or the whole id and 0.
fn id_order_key(id: &str) -> (&str, u64) {
    id.rsplit_once('-')
        .and_then(|(session, seq)| Some((session, seq.parse().ok()?)))
        .unwrap_or((id, 0))
}

/// An id: 1 to [`MAX_ID_BYTES`] bytes of printable characters.
pub fn check_id(id: &str) -> Result<(), FieldError> {
    if id.is_empty() {
        return Err(FieldError::new("id", "is empty"));
    }
    check_length("id", id, MAX_ID_BYTES)?;
    if id.chars().any(char::is_control) {
        return Err(FieldError::new("id", "holds a control character"));
    }
    Ok(())
}

fn check_length(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.len() > max {
        return Err(FieldError::new(
            field,
            format!("is {} bytes long; at most {max} are allowed", value.len()),
        ));
    }
    Ok(())
}

fn check_short(field: &str, value: Option<&str>) -> Result<(), FieldError> {
    value.map_or(Ok(()), |v| check_length(field, v, MAX_FIELD_BYTES))
}

fn check_link(field: &str, value: Option<&str>) -> Result<(), FieldError> {
    let Some(value) = value else { return Ok(()) };
    check_length(field, value, MAX_URL_BYTES)?;
    Link::parse(value)
        .map(drop)
        .map_err(|e| FieldError::new(field, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_order_by_date_then_session_then_number() {
        let mut ids = vec![
            (2.0, "s-1"),
            (1.0, "s-10"),
            (1.0, "s-9"),
            (1.0, "r-2"),
            (1.0, "plain"),
        ];
        ids.sort_by(|a, b| entry_order(*a, *b));
        assert_eq!(
            ids,
            [
                (1.0, "plain"),
                (1.0, "r-2"),
                (1.0, "s-9"),
                (1.0, "s-10"),
                (2.0, "s-1")
            ]
        );
    }

    fn call() -> Record {
        serde_json::from_str(
            r#"{"v":1,"id":"s-1","method":"add_call","kind":"call","header":"","text":"Missed call",
                "date":1764038411000,"call":{"from":"+7 495","element":{"type":"contact","id":18,"name":"Ivan"},
                "duration":75,"link":"https://pbx.example/r.mp3"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn reads_what_the_app_writes_and_writes_it_back() {
        let record = call();
        assert!(!record.read);
        assert_eq!(record.delivery, Delivery::Local);
        assert_eq!(record.check(), Ok(()));
        let text = serde_json::to_string(&record).unwrap();
        assert!(text.contains(r#""element":{"type":"contact","id":18,"name":"Ivan"}"#));
        assert!(!text.contains("icon"), "absent fields are left out: {text}");
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), record);
    }

    #[test]
    fn a_widget_code_travels_with_the_record_and_is_checked() {
        let mut r = call();
        r.widget_code = Some("acme_telephony-2".into());
        assert_eq!(r.check(), Ok(()));
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.contains(r#""widget_code":"acme_telephony-2""#));
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), r);
        for bad in ["", "has space", "<script>", &"x".repeat(65)] {
            r.widget_code = Some(bad.to_owned());
            assert_eq!(r.check().unwrap_err().field, "widget_code", "{bad:?}");
        }
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let mut r = call();
        r.link = Some("javascript:alert(1)".into());
        let e = r.check().unwrap_err();
        assert_eq!(e.field, "link");
        assert!(e.message.contains("\"javascript:\" scheme"), "{e}");

        let mut r = call();
        r.method = Method::ShowMessage;
        assert_eq!(r.check().unwrap_err().field, "method");

        let mut r = call();
        r.kind = EntryKind::Error;
        assert_eq!(r.check().unwrap_err().field, "kind");

        let mut r = call();
        r.text = "<b> </b>".into();
        assert_eq!(r.check().unwrap_err().field, "text");

        let mut r = call();
        r.text = "x".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(r.check().unwrap_err().field, "text");

        let mut r = call();
        r.id = "a\nb".into();
        assert_eq!(r.check().unwrap_err().field, "id");

        let mut r = call();
        r.v = 2;
        assert_eq!(r.check().unwrap_err().field, "v");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = serde_json::from_str::<Record>(
            r#"{"v":1,"id":"a","method":"add_error","kind":"error","header":"","text":"x","date":1,"onclick":"x"}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `onclick`"), "{err}");
    }

    #[test]
    fn same_content_ignores_read_state() {
        let a = call();
        let mut b = call();
        b.read = true;
        b.delivery = Delivery::Pending;
        assert!(a.same_content(&b));
        b.text = "Another".into();
        assert!(!a.same_content(&b));
    }
}
