//! The developer inspector's record: every API call with the payload as the API read it, what it
//! returned (the id, or the validation error) and the callbacks it made. Off by default, and then
//! free: one flag check per call. On in debug builds, or with `?inspector` in the page's URL,
//! `localStorage["amocrm-notify:inspector"] = "on"` or `<meta name="amocrm-notify:inspector">`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use super::value::{js_number_to_string, JsInput};
use crate::json::{Json, ObjectBuilder};
use crate::notification::Method;

/// Calls kept, newest last; older ones are dropped.
pub const KEEP: usize = 500;

/// One call, as the inspector shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CallRecord {
    /// Numbered from 1 in the order the calls came.
    pub seq: u64,
    /// Milliseconds since the epoch.
    pub at: f64,
    pub method: &'static str,
    /// The payload as the API read it (the fields it knows; values it cannot represent in JSON
    /// described in brackets).
    pub payload: Json,
    pub outcome: Outcome,
    /// The callbacks the API called, in order: `done`, `fail`, `always`.
    pub callbacks: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Accepted: the new notification's id.
    Id(String),
    /// Refused: the console message.
    Error(String),
}

impl Outcome {
    /// `{ "result": "id" | "error", "value": ... }`.
    pub fn to_value(&self) -> Json {
        let (result, value) = match self {
            Outcome::Id(id) => ("id", id),
            Outcome::Error(message) => ("error", message),
        };
        ObjectBuilder::default()
            .field("result", result)
            .field("value", value.as_str())
            .build()
    }
}

impl CallRecord {
    /// The call as "Copy JSON" gives it.
    pub fn to_value(&self) -> Json {
        ObjectBuilder::default()
            .field("seq", self.seq)
            .field("at", self.at)
            .field("method", self.method)
            .field("payload", self.payload.clone())
            .field("outcome", self.outcome.to_value())
            .field(
                "callbacks",
                Json::Array(
                    self.callbacks
                        .iter()
                        .map(|&name| Json::from(name))
                        .collect(),
                ),
            )
            .build()
    }
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static LOG: RefCell<VecDeque<CallRecord>> = RefCell::default();
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
pub fn record(method: Method, payload: &JsInput, outcome: Outcome, at: f64) -> Option<u64> {
    if !is_on() {
        return None;
    }
    let seq = NEXT.replace(NEXT.get() + 1);
    LOG.with_borrow_mut(|log| {
        if log.len() == KEEP {
            log.pop_front();
        }
        log.push_back(CallRecord {
            seq,
            at,
            method: method.name(),
            payload: to_json(payload),
            outcome,
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
pub fn newest_first() -> Vec<CallRecord> {
    LOG.with_borrow(|log| log.iter().rev().cloned().collect())
}

pub fn clear() {
    LOG.with_borrow_mut(VecDeque::clear);
    changed();
}

/// The payload in JSON; what JSON has no value for is described in brackets.
pub fn to_json(input: &JsInput) -> Json {
    match input {
        JsInput::Undefined => Json::from("[undefined]"),
        JsInput::Null => Json::Null,
        JsInput::Bool(b) => Json::Bool(*b),
        JsInput::Number(n) if n.is_finite() => Json::Number(*n),
        JsInput::Number(n) => Json::String(js_number_to_string(*n)),
        JsInput::String(s) => Json::String(s.clone()),
        JsInput::Date(ms) => Json::String(format!(
            "[Date {}]",
            crate::notification::time::iso8601(*ms)
        )),
        JsInput::Object(fields) => Json::Object(
            fields
                .iter()
                .map(|(key, value)| ((*key).to_owned(), to_json(value)))
                .collect(),
        ),
        other => Json::String(format!("[{}]", other.describe())),
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

#[cfg(test)]
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
            to_json(&input).to_text(),
            r#"{"text":"t","date":"NaN","element":{"id":5},"link":"[a function]"}"#
        );
    }

    #[test]
    fn off_records_nothing_on_keeps_the_last_calls() {
        assert_eq!(
            record(
                Method::AddError,
                &JsInput::Null,
                Outcome::Id("x".into()),
                0.0
            ),
            None
        );
        switch_on();
        for i in 0..(KEEP + 3) {
            record(
                Method::AddError,
                &JsInput::Null,
                Outcome::Id(i.to_string()),
                0.0,
            );
        }
        let calls = newest_first();
        assert_eq!(calls.len(), KEEP);
        assert_eq!(calls[0].outcome, Outcome::Id((KEEP + 2).to_string()));
        callback(calls[0].seq, "done");
        assert_eq!(newest_first()[0].callbacks, ["done"]);
        assert_eq!(
            newest_first()[0].outcome.to_value().to_text(),
            format!(r#"{{"result":"id","value":"{}"}}"#, KEEP + 2)
        );
    }
}
