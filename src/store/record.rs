//! A center entry as it is stored, sent to the other tabs and to the account's server: the
//! protocol crate's [`Record`], shared with the server. Reading one back validates it with the
//! same rules the server applies ([`Record::check`]), so a tampered or foreign record can never put
//! into the center what the API would refuse.

use std::rc::Rc;

pub use amocrm_notify_protocol::http_api::NotificationPost;
pub use amocrm_notify_protocol::{CallRecord, Delivery, ElementRecord, Record, SCHEMA};

use super::center::Entry;
use crate::notification::{
    CallInfo, Entity, EntryKind, Kind, Link, Markup, Notification, NotificationId,
};

/// The entry as a record.
pub fn record_of(entry: &Entry) -> Record {
    let n = &entry.notification;
    let link = |l: &Option<Link>| l.as_ref().map(|l| l.as_str().to_owned());
    Record {
        v: SCHEMA,
        id: n.id.to_string(),
        method: n.method,
        kind: n.method.entry_kind().unwrap_or(EntryKind::Error),
        header: n.header.source().into(),
        text: n.text.source().into(),
        date: n.date_ms,
        icon: link(&n.icon),
        link: link(&n.link),
        call: n.call.as_ref().map(|call| CallRecord {
            from: call.from.clone(),
            to: call.to.clone(),
            element: call.entity.as_ref().map(|e| ElementRecord {
                kind: e.kind,
                id: e.id,
                name: e.name.clone(),
            }),
            duration: call.duration_secs,
            link: link(&call.recording),
            click_link: link(&call.click_link),
        }),
        read: entry.read,
        delivery: entry.delivery,
        sent: entry.sent.clone(),
        widget_code: n.widget_code.clone(),
    }
}

/// The entry a record holds, once it passes [`Record::check`]; the error says what is wrong.
pub fn entry_of(record: Record) -> Result<Entry, String> {
    record.check().map_err(|e| e.to_string())?;
    let (method, kind) = (record.method, Kind::from(record.kind));
    // Checked: every link parses.
    let link = |raw: Option<String>| raw.and_then(|raw| Link::parse(&raw).ok());
    let call = record.call.map(|call| CallInfo {
        from: call.from,
        to: call.to,
        entity: call.element.map(|e| Entity {
            kind: e.kind,
            id: e.id,
            name: e.name,
        }),
        duration_secs: call.duration,
        recording: link(call.link),
        click_link: link(call.click_link),
    });
    Ok(Entry {
        notification: Rc::new(Notification {
            id: NotificationId::new(record.id),
            method,
            kind,
            header: Markup::parse(&record.header),
            text: Markup::parse(&record.text),
            date_ms: record.date,
            icon: link(record.icon),
            link: link(record.link),
            timeout_ms: None,
            call: call.or_else(|| (kind == Kind::Call).then(CallInfo::default)),
            button: None,
            widget_code: record.widget_code,
        }),
        read: record.read,
        delivery: record.delivery,
        sent: record.sent,
    })
}

/// What the account's server receives for each `add_*` notification: `{ id, notification,
/// channels }`. The server ignores a repeat of an id it has; `channels` are those switched on in
/// this browser (`interface`, `browser`, `email`, `push`).
pub fn outgoing(entry: &Entry, channels: Vec<&'static str>) -> NotificationPost {
    NotificationPost {
        id: entry.id().to_string(),
        notification: record_of(entry),
        channels: channels.into_iter().map(String::from).collect(),
    }
}
