//! A center entry as it is stored, sent to the other tabs and posted to the account's server: a
//! versioned JSON record. Reading one back validates it as strictly as the API validates a call,
//! so a tampered or foreign record can never put into the center what the API would refuse.

use std::rc::Rc;

use super::center::{Delivery, Entry};
use crate::json::{Fields, Json, ObjectBuilder};
use crate::notification::{
    CallInfo, Entity, EntityKind, Kind, Link, Markup, Method, Notification, NotificationId,
};

/// The record schema this build writes and reads.
pub const SCHEMA: u32 = 1;

#[derive(Debug, PartialEq)]
pub struct Record {
    /// [`SCHEMA`].
    pub v: u32,
    pub id: String,
    /// `add_error` or `add_call`.
    pub method: String,
    /// `error` or `call`.
    pub kind: String,
    /// The widget's markup, as it passed it.
    pub header: String,
    pub text: String,
    /// Milliseconds since the Unix epoch.
    pub date: f64,
    pub icon: Option<String>,
    pub link: Option<String>,
    pub call: Option<CallRecord>,
    /// False when absent.
    pub read: bool,
    /// `local`, `pending` or `delivered`; `local` when absent.
    pub delivery: String,
}

/// The fields of a call; each is left out of the JSON when absent.
#[derive(Debug, Default, PartialEq)]
pub struct CallRecord {
    pub from: Option<String>,
    pub to: Option<String>,
    pub element: Option<ElementRecord>,
    pub duration: Option<u32>,
    pub link: Option<String>,
    pub click_link: Option<String>,
}

#[derive(Debug, PartialEq)]
pub struct ElementRecord {
    /// `type` in the JSON.
    pub kind: String,
    pub id: u64,
    pub name: Option<String>,
}

/// The largest integer a JavaScript number holds exactly: element ids above it cannot be stored.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

impl Record {
    pub fn of(entry: &Entry) -> Self {
        let n = &entry.notification;
        let link = |l: &Option<Link>| l.as_ref().map(|l| l.as_str().to_owned());
        Record {
            v: SCHEMA,
            id: n.id.to_string(),
            method: n.method.name().into(),
            kind: n.kind.name().into(),
            header: n.header.source().into(),
            text: n.text.source().into(),
            date: n.date_ms,
            icon: link(&n.icon),
            link: link(&n.link),
            call: n.call.as_ref().map(|call| CallRecord {
                from: call.from.clone(),
                to: call.to.clone(),
                element: call.entity.as_ref().map(|e| ElementRecord {
                    kind: e.kind.name().into(),
                    id: e.id,
                    name: e.name.clone(),
                }),
                duration: call.duration_secs,
                link: link(&call.recording),
                click_link: link(&call.click_link),
            }),
            read: entry.read,
            delivery: match entry.delivery {
                Delivery::Local => "local",
                Delivery::Pending => "pending",
                Delivery::Delivered => "delivered",
            }
            .into(),
        }
    }

    pub fn to_json(entry: &Entry) -> String {
        Record::of(entry).to_value().to_text()
    }

    /// Reads and validates a stored record; the error says what is wrong with it.
    pub fn from_json(json: &str) -> Result<Entry, String> {
        Record::from_value(&Json::parse(json)?)?.into_entry()
    }

    pub fn to_value(&self) -> Json {
        ObjectBuilder::default()
            .field("v", self.v)
            .field("id", self.id.as_str())
            .field("method", self.method.as_str())
            .field("kind", self.kind.as_str())
            .field("header", self.header.as_str())
            .field("text", self.text.as_str())
            .field("date", self.date)
            .optional("icon", self.icon.as_deref())
            .optional("link", self.link.as_deref())
            .optional("call", self.call.as_ref().map(CallRecord::to_value))
            .field("read", self.read)
            .field("delivery", self.delivery.as_str())
            .build()
    }

    /// The record's fields, each of the right type (what they say is checked by `into_entry`).
    pub fn from_value(value: &Json) -> Result<Self, String> {
        let fields = Fields::of(value, "a record")?;
        Ok(Record {
            v: fields.whole("v", u32::MAX.into())? as u32,
            id: fields.string("id")?,
            method: fields.string("method")?,
            kind: fields.string("kind")?,
            header: fields.string("header")?,
            text: fields.string("text")?,
            date: fields.number("date")?,
            icon: fields.optional_string("icon")?,
            link: fields.optional_string("link")?,
            call: fields.get("call").map(CallRecord::from_value).transpose()?,
            read: fields.optional_bool("read")?.unwrap_or(false),
            delivery: fields
                .optional_string("delivery")?
                .unwrap_or_else(|| "local".into()),
        })
    }

    pub fn into_entry(self) -> Result<Entry, String> {
        if self.v != SCHEMA {
            return Err(format!("schema {} (this build reads {SCHEMA})", self.v));
        }
        if self.id.is_empty() {
            return Err("an empty id".into());
        }
        let method = Method::from_name(&self.method)
            .filter(|m| m.is_stored())
            .ok_or_else(|| format!("method \"{}\" is not stored in the center", self.method))?;
        let kind = match (method, self.kind.as_str()) {
            (Method::AddError, "error") => Kind::Error,
            (Method::AddCall, "call") => Kind::Call,
            _ => {
                return Err(format!(
                    "kind \"{}\" does not go with {}",
                    self.kind, self.method
                ))
            }
        };
        if !self.date.is_finite() {
            return Err("a date that is not a finite number".into());
        }
        let link = |field: &str, raw: Option<String>| -> Result<Option<Link>, String> {
            raw.map(|raw| Link::parse(&raw).map_err(|e| format!("{field} {e}")))
                .transpose()
        };
        let call = match (kind, self.call) {
            (Kind::Call, call) => {
                let call = call.unwrap_or_default();
                let entity = call
                    .element
                    .map(|e| {
                        let kind = EntityKind::from_name(&e.kind)
                            .ok_or_else(|| format!("element type \"{}\" is unknown", e.kind))?;
                        Ok::<_, String>(Entity {
                            kind,
                            id: e.id,
                            name: e.name,
                        })
                    })
                    .transpose()?;
                Some(CallInfo {
                    from: call.from,
                    to: call.to,
                    entity,
                    duration_secs: call.duration,
                    recording: link("call.link", call.link)?,
                    click_link: link("call.click_link", call.click_link)?,
                })
            }
            (_, None) => None,
            (_, Some(_)) => return Err("call details on an error".into()),
        };
        let delivery = match self.delivery.as_str() {
            "local" => Delivery::Local,
            "pending" => Delivery::Pending,
            "delivered" => Delivery::Delivered,
            other => return Err(format!("delivery \"{other}\" is unknown")),
        };
        Ok(Entry {
            notification: Rc::new(Notification {
                id: NotificationId::new(self.id),
                method,
                kind,
                header: Markup::parse(&self.header),
                text: Markup::parse(&self.text),
                date_ms: self.date,
                icon: link("icon", self.icon)?,
                link: link("link", self.link)?,
                timeout_ms: None,
                call,
            }),
            read: self.read,
            delivery,
        })
    }
}

impl CallRecord {
    fn to_value(&self) -> Json {
        ObjectBuilder::default()
            .optional("from", self.from.as_deref())
            .optional("to", self.to.as_deref())
            .optional(
                "element",
                self.element.as_ref().map(|e| {
                    ObjectBuilder::default()
                        .field("type", e.kind.as_str())
                        .field("id", e.id)
                        .optional("name", e.name.as_deref())
                        .build()
                }),
            )
            .optional("duration", self.duration)
            .optional("link", self.link.as_deref())
            .optional("click_link", self.click_link.as_deref())
            .build()
    }

    fn from_value(value: &Json) -> Result<Self, String> {
        let fields = Fields::of(value, "field \"call\"")?;
        let element = fields
            .get("element")
            .map(|element| {
                let e = Fields::of(element, "field \"element\"")?;
                Ok::<_, String>(ElementRecord {
                    kind: e.string("type")?,
                    id: e.whole("id", MAX_SAFE_INTEGER)?,
                    name: e.optional_string("name")?,
                })
            })
            .transpose()?;
        Ok(CallRecord {
            from: fields.optional_string("from")?,
            to: fields.optional_string("to")?,
            element,
            duration: fields
                .optional_whole("duration", u32::MAX.into())?
                .map(|d| d as u32),
            link: fields.optional_string("link")?,
            click_link: fields.optional_string("click_link")?,
        })
    }
}

/// What the account's server receives for each `add_*` notification (POSTed as JSON):
/// `{ id, notification, channels }`. The server ignores a repeat of an id it has; `channels` are
/// those switched on in this browser (`interface`, `browser`, `email`, `push`).
pub fn outgoing_json(entry: &Entry, channels: Vec<&'static str>) -> String {
    ObjectBuilder::default()
        .field("id", entry.id().as_str())
        .field("notification", Record::of(entry).to_value())
        .field(
            "channels",
            Json::Array(channels.into_iter().map(Json::from).collect()),
        )
        .build()
        .to_text()
}
