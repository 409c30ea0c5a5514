//! The message this tab posts to the origin's other tabs on a `BroadcastChannel`, and reads from them.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use super::{read_record, warn, Serialized};
use crate::notification::NotificationId;
use crate::store::record::SCHEMA;
use crate::store::{Change, Queued, StoredChange};

/// The `BroadcastChannel` every tab of the origin listens on.
pub(crate) const CHANNEL: &str = "amocrm-notify";

/// `{ v, changes: [[id, record or null], ...], queue: [[key, change or null], ...] }`: entries
/// changed, and changes for the server queued (or sent: null).
pub(super) fn encode_message(changes: &[Serialized], queue: &[Serialized]) -> JsValue {
    let pairs = |list: &[Serialized]| -> Array {
        list.iter()
            .map(|(id, value)| {
                let value = value.as_deref().map_or(JsValue::NULL, JsValue::from_str);
                JsValue::from(Array::of2(&JsValue::from_str(id), &value))
            })
            .collect()
    };
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"v".into(), &SCHEMA.into());
    let _ = Reflect::set(&message, &"changes".into(), &pairs(changes));
    let _ = Reflect::set(&message, &"queue".into(), &pairs(queue));
    message.into()
}

/// The changes for the server another tab queued, and the keys of those it sent.
pub(super) fn decode_queue(data: &JsValue) -> (Vec<Queued>, Vec<String>) {
    let (mut queued, mut sent) = (Vec::new(), Vec::new());
    let Ok(list) = Reflect::get(data, &"queue".into()) else {
        return (queued, sent);
    };
    if !Array::is_array(&list) {
        return (queued, sent);
    }
    for pair in Array::from(&list).iter() {
        let pair = Array::from(&pair);
        let Some(key) = pair.get(0).as_string() else {
            continue;
        };
        match pair.get(1).as_string() {
            None => sent.push(key),
            Some(json) => match crate::json::from_text::<StoredChange>(&json) {
                Ok(change) => queued.push(Queued::from_stored(change)),
                Err(why) => warn(&format!(
                    "amocrm-notify: another tab sent a change this one cannot read (\"{key}\": {why})"
                )),
            },
        }
    }
    (queued, sent)
}

/// The changes in a message from another tab; a record this build cannot read is left out with a
/// warning (a tab running another version, say).
pub(super) fn decode_message(data: &JsValue) -> Vec<Change> {
    let Ok(changes) = Reflect::get(data, &"changes".into()) else {
        return Vec::new();
    };
    if !Array::is_array(&changes) {
        return Vec::new();
    }
    Array::from(&changes)
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            let id = pair.get(0).as_string()?;
            match pair.get(1).as_string() {
                None => Some(Change::Delete(NotificationId::new(id))),
                Some(json) => match read_record(&json) {
                    Ok(entry) => Some(Change::Put(entry)),
                    Err(why) => {
                        warn(&format!(
                            "amocrm-notify: another tab sent an entry this one cannot read (\"{id}\": {why})"
                        ));
                        None
                    }
                },
            }
        })
        .collect()
}
