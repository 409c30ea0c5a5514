//! The developer inspector's record: every API call with the payload as the API read it, what it
//! returned (the id, or the validation error) and the callbacks it made. Off by default, and then
//! free: one flag check per call. On in debug builds, or with `?inspector` in the page's URL,
//! `localStorage["amocrm-notify:inspector"] = "on"` or `<meta name="amocrm-notify:inspector">`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use super::value::{js_number_to_string, JsInput};
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::notification::Method;

/// Calls kept, newest last; older ones are dropped.
pub const KEEP: usize = 500;

/// One call, as the inspector shows it and "Copy JSON" gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoggedCall {
    /// Numbered from 1 in the order the calls came.
    pub seq: u64,
    /// Milliseconds since the epoch.
    pub at: f64,
    pub method: &'static str,
    /// The payload as the API read it (the fields it knows; values it cannot represent in JSON
    /// described in brackets).
    pub payload: Payload,
    pub outcome: Outcome,
    /// What the console was told about the call besides an error: unknown keys, values replaced.
    pub warnings: Vec<String>,
    /// The callbacks the API called, in order: `done`, `fail`, `always`.
    pub callbacks: Vec<&'static str>,
}

/// `{ "result": "id" | "error", "value": ... }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "result", content = "value", rename_all = "lowercase")]
pub enum Outcome {
    /// Accepted: the new notification's id.
    Id(String),
    /// Refused: the console message.
    Error(String),
}

/// A payload as JSON can hold it: what JSON has no value for is described in brackets.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    /// Fields in the order they were read.
    Object(Vec<(String, Payload)>),
}

impl Serialize for Payload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Payload::Null => serializer.serialize_unit(),
            Payload::Bool(b) => serializer.serialize_bool(*b),
            Payload::Number(n) => serializer.serialize_f64(*n),
            Payload::Text(s) => serializer.serialize_str(s),
            Payload::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (key, value) in fields {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static LOG: RefCell<VecDeque<LoggedCall>> = RefCell::default();
    static NEXT: Cell<u64> = const { Cell::new(1) };
    static LISTENER: RefCell<Option<Box<dyn Fn()>>> = RefCell::default();
}

pub fn is_on() -> bool {
    ON.get()
}

pub fn switch_on() {
    ON.set(true);
}

/// Called after every change to the log (the inspector's panel re-renders).
pub fn listen(listener: impl Fn() + 'static) {
    LISTENER.set(Some(Box::new(listener)));
}

fn changed() {
    LISTENER.with_borrow(|listener| {
        if let Some(listener) = listener {
            listener();
        }
    });
}

/// Records a call; returns its number, for [`callback`]. `None` while the inspector is off.
/// `unknown` are the payload's keys the API does not read, with their values: shown after the
/// others, so a typo is in plain sight.
pub fn record(
    method: Method,
    payload: &JsInput,
    unknown: &[(String, JsInput)],
    outcome: Outcome,
    warnings: Vec<String>,
    at: f64,
) -> Option<u64> {
    if !is_on() {
        return None;
    }
    let mut payload = to_payload(payload);
    if let Payload::Object(fields) = &mut payload {
        fields.extend(
            unknown
                .iter()
                .map(|(key, value)| (key.clone(), to_payload(value))),
        );
    }
    let seq = NEXT.replace(NEXT.get() + 1);
    LOG.with_borrow_mut(|log| {
        if log.len() == KEEP {
            log.pop_front();
        }
        log.push_back(LoggedCall {
            seq,
            at,
            method: method.name(),
            payload,
            outcome,
            warnings,
            callbacks: Vec::new(),
        });
    });
    changed();
    Some(seq)
}

/// The API called `name` for call `seq`.
pub fn callback(seq: u64, name: &'static str) {
    let found = LOG.with_borrow_mut(|log| {
        // Recent calls are at the back.
        log.iter_mut()
            .rev()
            .find(|r| r.seq == seq)
            .map(|r| r.callbacks.push(name))
            .is_some()
    });
    if found {
        changed();
    }
}

/// How many calls are kept.
pub fn len() -> usize {
    LOG.with_borrow(VecDeque::len)
}

/// The calls, newest first.
pub fn newest_first() -> Vec<LoggedCall> {
    LOG.with_borrow(|log| log.iter().rev().cloned().collect())
}

pub fn clear() {
    LOG.with_borrow_mut(VecDeque::clear);
    changed();
}

/// The payload as JSON holds it; what JSON has no value for is described in brackets.
pub fn to_payload(input: &JsInput) -> Payload {
    match input {
        JsInput::Undefined => Payload::Text("[undefined]".into()),
        JsInput::Null => Payload::Null,
        JsInput::Bool(b) => Payload::Bool(*b),
        JsInput::Number(n) if n.is_finite() => Payload::Number(*n),
        JsInput::Number(n) => Payload::Text(js_number_to_string(*n)),
        JsInput::String(s) => Payload::Text(s.clone()),
        JsInput::Date(ms) => Payload::Text(format!(
            "[Date {}]",
            crate::notification::time::iso8601(*ms)
        )),
        JsInput::Object(fields) => Payload::Object(
            fields
                .iter()
                .map(|(key, value)| ((*key).to_owned(), to_payload(value)))
                .collect(),
        ),
        other => Payload::Text(format!("[{}]", other.describe())),
    }
}

/// The page asks for the inspector: a debug build, `?inspector` in the URL,
/// `localStorage["amocrm-notify:inspector"] = "on"`, or `<meta name="amocrm-notify:inspector">`.
pub fn requested() -> bool {
    if cfg!(debug_assertions) {
        return true;
    }
    let Some(window) = web_sys::window() else {
        return false;
    };
    let in_url = window.location().search().is_ok_and(|search| {
        search
            .trim_start_matches('?')
            .split('&')
            .any(|p| p.split('=').next() == Some("inspector"))
    });
    let stored = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("amocrm-notify:inspector").ok().flatten())
        .is_some_and(|v| v == "on");
    let meta = window
        .document()
        .and_then(|d| {
            d.query_selector("meta[name=\"amocrm-notify:inspector\"]")
                .ok()
                .flatten()
        })
        .is_some();
    in_url || stored || meta
}

// Native only: the tests write JSON with serde_json, which the wasm build does not carry.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn payloads_become_json_with_the_rest_described() {
        let input = JsInput::Object(vec![
            ("text", JsInput::String("t".into())),
            ("date", JsInput::Number(f64::NAN)),
            (
                "element",
                JsInput::Object(vec![("id", JsInput::Number(5.0))]),
            ),
            ("link", JsInput::Function),
        ]);
        assert_eq!(
            serde_json::to_string(&to_payload(&input)).unwrap(),
            // serde_json writes a number as 5.0 where the browser's JSON.stringify writes 5.
            r#"{"text":"t","date":"NaN","element":{"id":5.0},"link":"[a function]"}"#
        );
    }

    #[test]
    fn off_records_nothing_on_keeps_the_last_calls() {
        assert_eq!(
            record(
                Method::AddError,
                &JsInput::Null,
                &[],
                Outcome::Id("x".into()),
                vec![],
                0.0
            ),
            None
        );
        switch_on();
        for i in 0..(KEEP + 3) {
            record(
                Method::AddError,
                &JsInput::Null,
                &[],
                Outcome::Id(i.to_string()),
                vec![],
                0.0,
            );
        }
        let calls = newest_first();
        assert_eq!(calls.len(), KEEP);
        assert_eq!(calls[0].outcome, Outcome::Id((KEEP + 2).to_string()));
        callback(calls[0].seq, "done");
        assert_eq!(newest_first()[0].callbacks, ["done"]);
        assert_eq!(
            serde_json::to_string(&newest_first()[0].outcome).unwrap(),
            format!(r#"{{"result":"id","value":"{}"}}"#, KEEP + 2)
        );
        // A payload's unknown keys are shown after the others, with their values.
        let payload = JsInput::Object(vec![("text", JsInput::String("ok".into()))]);
        let unknown = [("hedaer".to_owned(), JsInput::String("Saved".into()))];
        let warning = "unknown key \"hedaer\"".to_owned();
        let outcome = Outcome::Id("y".into());
        record(
            Method::ShowMessage,
            &payload,
            &unknown,
            outcome,
            vec![warning.clone()],
            0.0,
        );
        let call = &newest_first()[0];
        assert_eq!(
            call.payload,
            Payload::Object(vec![
                ("text".into(), Payload::Text("ok".into())),
                ("hedaer".into(), Payload::Text("Saved".into())),
            ])
        );
        assert_eq!(call.warnings, [warning]);
    }
}
