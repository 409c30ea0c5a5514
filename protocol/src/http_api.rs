//! The account server's API, version 1 (`/v1/...`): what each endpoint takes and answers, and the
//! events of a person's stream.

use serde::{Deserialize, Serialize};

use crate::channel::is_zero;
pub use crate::channel::{Channel, ChannelStatus, DeliveryState};
use crate::error::FieldError;
use crate::record::{check_id, Record};

/// The header that carries the person's token: `Authorization: Bearer <token>`.
pub const AUTHORIZATION: &str = "authorization";

/// `POST /v1/notifications`: what the app's outbox (or a host's backend) sends for each `add_*`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationPost {
    /// The notification's id, unique for the person: a repeat of an id is answered as the first.
    pub id: String,
    pub notification: Record,
    /// The channels switched on in the sending browser (`interface`, `browser`, `email`, `push`).
    /// The server delivers by the person's preferences it keeps; this is recorded for the logs.
    #[serde(default)]
    pub channels: Vec<String>,
}

impl NotificationPost {
    /// The post's own rules on top of the record's.
    pub fn check(&self) -> Result<(), FieldError> {
        check_id(&self.id)?;
        if self.notification.id != self.id {
            return Err(FieldError::new(
                "notification.id",
                format!("is \"{}\", not the post's id", self.notification.id),
            ));
        }
        self.notification
            .check()
            .map_err(|e| e.within("notification"))
    }
}

/// The answer to an accepted post (201 the first time, 200 for a repeat).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub id: String,
    /// The stream event that announced the entry.
    pub event_id: u64,
}

/// Which entries an operation or a page is about: the center's filter tabs, the same word in the
/// app, on the wire and in the server's queries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Filter {
    #[default]
    All,
    Unread,
    Errors,
    Calls,
}

impl Filter {
    /// The tabs, in the center's order.
    pub const ALL: [Filter; 4] = [Filter::All, Filter::Unread, Filter::Errors, Filter::Calls];

    /// Its name in data attributes and logs: `All`, `Unread`, `Errors`, `Calls`.
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Unread => "Unread",
            Filter::Errors => "Errors",
            Filter::Calls => "Calls",
        }
    }
}

/// `GET /v1/notifications?limit=&before=&filter=`: the person's entries, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryPage {
    pub entries: Vec<Record>,
    /// Pass as `before` for the next page; absent on the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The person's latest stream event when the page was read: open the stream after it, and
    /// nothing that happens later is missed.
    pub last_event_id: u64,
}

/// `POST /v1/notifications/read`: marks entries read or unread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReadChange {
    /// At most 1,000.
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub ids: Vec<String>,
    pub read: bool,
    /// When the person made the change (ms since the epoch, the device's clock). A device that
    /// was offline sends its changes late: an entry changed since, on another device, keeps that
    /// later change. Left out: now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<f64>,
}

/// `POST /v1/notifications/read-all` and `/v1/notifications/clear-read`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FilterBody {
    #[serde(default)]
    pub filter: Filter,
    /// When the person made the change, as in a read change's `at`: entries that came or changed
    /// after it are left as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<f64>,
}

/// The answer to a change: the ids it changed (others were already so, or are not the person's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Changed {
    pub ids: Vec<String>,
}

/// Whether a channel delivers errors and calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KindSwitch {
    pub errors: bool,
    pub calls: bool,
}

impl KindSwitch {
    pub const OFF: KindSwitch = KindSwitch {
        errors: false,
        calls: false,
    };
}

/// The interface languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Ru,
}

impl Language {
    /// `ru`, `ru-RU`, `en-GB`, ...; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Language> {
        match tag
            .trim()
            .split(['-', '_'])
            .next()?
            .to_ascii_lowercase()
            .as_str()
        {
            "en" => Some(Language::En),
            "ru" => Some(Language::Ru),
            _ => None,
        }
    }

    /// `en` or `ru`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// `en` or `ru`: for a string used in one place, written beside its use.
    pub fn pick<'s>(self, en: &'s str, ru: &'s str) -> &'s str {
        match self {
            Language::En => en,
            Language::Ru => ru,
        }
    }
}

/// `GET`/`PUT /v1/preferences`: where a person's `add_error` / `add_call` go beyond the interface.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    pub email: KindSwitch,
    pub push: KindSwitch,
    /// At most one email per this many minutes, the rest gathered into it; 0 sends each at once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 1440))]
    pub digest_minutes: u32,
    /// Email only what is still unread this many minutes after it arrived (0: email at once). A
    /// notification read or removed on any device before then is not emailed; its entry says so.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(feature = "openapi", schema(maximum = 1440))]
    pub email_unread_minutes: u32,
    /// The person's language for emails; absent until they (or the app they use) chose one. The
    /// server then takes the `Accept-Language` of the person's next `GET /v1/preferences`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The person's time zone for the dates in emails, an IANA name ("Europe/Moscow"); absent
    /// until the app first sent its device's (the `Time-Zone` header), and then UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[A-Za-z0-9_+-][A-Za-z0-9/_+-]{0,63}$")
    )]
    pub time_zone: Option<String>,
}

/// The request header in which the app names its device's time zone (an IANA name, from
/// `Intl.DateTimeFormat`), as `Accept-Language` names its language: a person who has none stored
/// takes it.
pub const TIME_ZONE_HEADER: &str = "Time-Zone";

/// The longest time zone name taken (the IANA database's longest is 32 bytes).
pub const MAX_TIME_ZONE_LEN: usize = 64;

/// The longest digest window: a day.
pub const MAX_DIGEST_MINUTES: u32 = 24 * 60;

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            email: KindSwitch::OFF,
            push: KindSwitch::OFF,
            digest_minutes: 0,
            email_unread_minutes: 0,
            language: None,
            time_zone: None,
        }
    }
}

impl Preferences {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.digest_minutes > MAX_DIGEST_MINUTES {
            return Err(FieldError::new(
                "digest_minutes",
                format!("must be at most {MAX_DIGEST_MINUTES}"),
            ));
        }
        if self.email_unread_minutes > MAX_DIGEST_MINUTES {
            return Err(FieldError::new(
                "email_unread_minutes",
                format!("must be at most {MAX_DIGEST_MINUTES}"),
            ));
        }
        if let Some(zone) = &self.time_zone {
            if !is_time_zone_name(zone) {
                return Err(FieldError::new(
                    "time_zone",
                    "must be a time zone's IANA name, such as Europe/Moscow",
                ));
            }
        }
        Ok(())
    }
}

/// Whether `name` is shaped like an IANA time zone name ("America/Argentina/Buenos_Aires",
/// "Etc/GMT+3", "UTC"). Whether the database has it is the server's to check.
pub fn is_time_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_TIME_ZONE_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
        && !name.starts_with('/')
        && !name.contains("..")
}

/// One event of a person's stream (`GET /v1/stream`, Server-Sent Events). The SSE `id` is the
/// event's number, which only grows for that person; the SSE `event` is the variant's `type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A new entry.
    Entry { entry: Box<Record> },
    /// Entries marked read or unread, as the person decided at `at` (ms since the epoch): a
    /// device holding an unsent change decided later keeps its own.
    Read {
        ids: Vec<String>,
        read: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
    },
    /// Entries removed.
    Removed { ids: Vec<String> },
    /// The person's preferences changed.
    Preferences { preferences: Preferences },
    /// Where an entry went beyond the interface: an email sent, pushed to devices, or failed.
    Delivery { id: String, status: ChannelStatus },
    /// The events after the id the client gave are no longer kept: reload the history, then go on
    /// from this event's id.
    Reset,
}

impl Event {
    /// The SSE event name.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Entry { .. } => "entry",
            Event::Read { .. } => "read",
            Event::Removed { .. } => "removed",
            Event::Preferences { .. } => "preferences",
            Event::Delivery { .. } => "delivery",
            Event::Reset => "reset",
        }
    }
}

impl Event {
    /// Reads an event whose variant is already known from its SSE event name (`entry`, `read`, …),
    /// so the fields are read straight into that variant. This is what the app does:
    /// `#[serde(tag)]`'s own reading first buffers the whole object to find its `type`, and that
    /// buffering is a second copy of every reader in the browser's download. The data's own `type`
    /// is ignored; an unknown name is an error naming it.
    pub fn deserialize_named<'de, D: serde::Deserializer<'de>>(
        name: &str,
        data: D,
    ) -> Result<Event, D::Error> {
        use serde::de::Error;

        #[derive(Deserialize)]
        struct Entry {
            entry: Box<Record>,
        }
        #[derive(Deserialize)]
        struct Read {
            ids: Vec<String>,
            read: bool,
            #[serde(default)]
            at: Option<f64>,
        }
        #[derive(Deserialize)]
        struct Removed {
            ids: Vec<String>,
        }
        #[derive(Deserialize)]
        struct Changed {
            preferences: Preferences,
        }
        #[derive(Deserialize)]
        struct Delivered {
            id: String,
            status: ChannelStatus,
        }

        Ok(match name {
            "entry" => Event::Entry {
                entry: Entry::deserialize(data)?.entry,
            },
            "read" => {
                let Read { ids, read, at } = Read::deserialize(data)?;
                Event::Read { ids, read, at }
            }
            "removed" => Event::Removed {
                ids: Removed::deserialize(data)?.ids,
            },
            "preferences" => Event::Preferences {
                preferences: Changed::deserialize(data)?.preferences,
            },
            "delivery" => {
                let Delivered { id, status } = Delivered::deserialize(data)?;
                Event::Delivery { id, status }
            }
            "reset" => Event::Reset,
            other => return Err(D::Error::custom(format_args!("unknown event \"{other}\""))),
        })
    }
}

/// A delivery that failed for good, for operators: `GET /v1/admin/dead-letters`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadLetter {
    pub id: i64,
    pub account: String,
    pub user: String,
    pub entry_id: String,
    pub channel: Channel,
    pub attempts: u32,
    pub error: String,
    pub at: f64,
}

/// Every error the API answers: `{"error": {"code", "message", "field"?}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// A sentence a developer can act on, led by the endpoint and naming the field:
    /// `POST /v1/notifications: "notification.link" ...`.
    pub message: String,
    /// The field the error is about, dotted (`notification.call.element.id`), for `invalid` and
    /// `conflict`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// What went wrong, stable and machine-readable. A client acts on the code; the message is for
/// people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 401: no token, or a forged one, or one naming another account (the same answer for each).
    Unauthorized,
    /// 401: a token signed with the account's secret, but past its `exp`: renew it and send again.
    TokenExpired,
    /// 408: the body did not arrive whole within the read timeout.
    Timeout,
    /// 422: the body or the query is not what the endpoint takes; `field` names where.
    Invalid,
    /// 409: the id is taken by a notification with other content.
    Conflict,
    /// 404: no such endpoint, or nothing of the person's by that id.
    NotFound,
    /// 413: the body is over the limit (4 MB unless the operator set another).
    TooLarge,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 429: over the person's rate (`Retry-After` says when to try again), or too many open streams.
    RateLimited,
    /// 405: the endpoint does not take that method.
    MethodNotAllowed,
    /// 500: logged on the server; the message says no more.
    Internal,
}

impl ErrorCode {
    /// Its name on the wire: `token_expired`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::TokenExpired => "token_expired",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Conflict => "conflict",
            ErrorCode::NotFound => "not_found",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Internal => "internal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_named_as_serialized() {
        for code in [
            ErrorCode::Unauthorized,
            ErrorCode::TokenExpired,
            ErrorCode::Timeout,
            ErrorCode::Invalid,
            ErrorCode::Conflict,
            ErrorCode::NotFound,
            ErrorCode::TooLarge,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::RateLimited,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Internal,
        ] {
            assert_eq!(
                serde_json::to_string(&code).unwrap(),
                format!("\"{}\"", code.name())
            );
        }
    }

    #[test]
    fn events_are_tagged_by_type() {
        let event = Event::Read {
            ids: vec!["a".into()],
            read: true,
            at: None,
        };
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            r#"{"type":"read","ids":["a"],"read":true}"#
        );
        assert_eq!(event.name(), "read");
        assert_eq!(
            serde_json::from_str::<Event>(r#"{"type":"reset"}"#).unwrap(),
            Event::Reset
        );
    }

    #[test]
    fn events_read_by_name_as_by_type() {
        let record = r#"{"v":1,"id":"a","method":"add_error","kind":"error","header":"","text":"x","date":1}"#;
        let status = r#"{"channel":"email","state":"sent","at":5}"#;
        let events = [
            format!(r#"{{"type":"entry","entry":{record}}}"#),
            r#"{"type":"read","ids":["a","b"],"read":false}"#.to_string(),
            r#"{"type":"removed","ids":["a"]}"#.to_string(),
            r#"{"type":"preferences","preferences":{"email":{"errors":true,"calls":false},"push":{"errors":false,"calls":true},"language":"ru"}}"#.to_string(),
            format!(r#"{{"type":"delivery","id":"a","status":{status}}}"#),
            r#"{"type":"reset"}"#.to_string(),
        ];
        for text in events {
            let by_type: Event = serde_json::from_str(&text).expect(&text);
            let mut data = serde_json::Deserializer::from_str(&text);
            let by_name = Event::deserialize_named(by_type.name(), &mut data).expect(&text);
            assert_eq!(by_name, by_type, "{text}");
        }
        let mut data = serde_json::Deserializer::from_str(r#"{"ids":[]}"#);
        let error = Event::deserialize_named("renamed", &mut data).unwrap_err();
        assert!(
            error.to_string().contains(r#"unknown event "renamed""#),
            "{error}"
        );
        let mut data = serde_json::Deserializer::from_str(r#"{"ids":"a","read":true}"#);
        assert!(Event::deserialize_named("read", &mut data).is_err());
    }

    #[test]
    fn a_post_names_nested_fields() {
        let post: NotificationPost = serde_json::from_str(
            r#"{"id":"a","notification":{"v":1,"id":"a","method":"add_error","kind":"error","header":"","text":"x","date":1,"link":"javascript:x"}}"#,
        )
        .unwrap();
        assert_eq!(post.check().unwrap_err().field, "notification.link");
        let mut other = post.clone();
        other.notification.id = "b".into();
        assert_eq!(other.check().unwrap_err().field, "notification.id");
    }
}
