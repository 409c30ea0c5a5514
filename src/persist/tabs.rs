//! The message this tab posts to the origin's other tabs on a `BroadcastChannel`, and reads from them.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use super::{read_record, warn, Serialized};
use crate::notification::NotificationId;
use crate::store::record::SCHEMA;
use crate::store::Change;

/// The `BroadcastChannel` every tab of the origin listens on.
pub const CHANNEL: &str = "amocrm-notify";

/// `{ v, changes: [[id, record or null], ...] }`.
pub(super) fn encode_message(changes: &[Serialized]) -> JsValue {
    let list: Array = changes
        .iter()
        .map(|(id, record)| {
            let record = record.as_deref().map_or(JsValue::NULL, JsValue::from_str);
            JsValue::from(Array::of2(&JsValue::from_str(id), &record))
        })
        .collect();
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"v".into(), &SCHEMA.into());
    let _ = Reflect::set(&message, &"changes".into(), &list);
    message.into()
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
