//! A center entry as it is stored, sent to the other tabs and posted to the account's server: a
//! versioned JSON record. Reading one back validates it as strictly as the API validates a call,
//! so a tampered or foreign record can never put into the center what the API would refuse.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::center::{Delivery, Entry};
use crate::notification::{
    CallInfo, Entity, EntityKind, Kind, Link, Markup, Method, Notification, NotificationId,
};

/// The record schema this build writes and reads.
pub const SCHEMA: u32 = 1;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<CallRecord>,
    #[serde(default)]
    pub read: bool,
    /// `local`, `pending` or `delivered`.
    #[serde(default = "local")]
    pub delivery: String,
}

fn local() -> String {
    "local".into()
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<ElementRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub click_link: Option<String>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct ElementRecord {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

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
        serde_json::to_string(&Record::of(entry)).expect("a record always serializes")
    }

    /// Reads and validates a stored record; the error says what is wrong with it.
    pub fn from_json(json: &str) -> Result<Entry, String> {
        let record: Record = serde_json::from_str(json).map_err(|e| e.to_string())?;
        record.into_entry()
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

/// What the account's server receives for each `add_*` notification (POSTed as JSON).
#[derive(Debug, Serialize)]
pub struct Outgoing<'a> {
    /// The notification's id: the server ignores a repeat of one it has.
    pub id: &'a str,
    pub notification: Record,
    /// The channels switched on in this browser (`interface`, `browser`, `email`, `push`).
    pub channels: Vec<&'static str>,
}

impl Outgoing<'_> {
    pub fn to_json(entry: &Entry, channels: Vec<&'static str>) -> String {
        let outgoing = Outgoing {
            id: entry.id().as_str(),
            notification: Record::of(entry),
            channels,
        };
        serde_json::to_string(&outgoing).expect("a request always serializes")
    }
}
