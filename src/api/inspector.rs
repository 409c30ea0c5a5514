//! The developer inspector's record: every API call with the payload as the API read it, what it
//! returned (the id, or the validation error) and the callbacks it made, handed to the store as
//! actions (the log is the store's, `store::calls`). Off by default, and then free: one flag check
//! per call. On in debug builds, or with `?inspector` in the page's URL,
//! `localStorage["amocrm-notify:inspector"] = "on"` or `<meta name="amocrm-notify:inspector">`.

use std::cell::Cell;

use super::value::{js_number_to_string, JsInput};
use crate::notification::Method;
use crate::store::calls::{LoggedCall, Outcome, Payload};

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static NEXT: Cell<u64> = const { Cell::new(1) };
}

pub fn is_on() -> bool {
    ON.get()
}

pub fn switch_on() {
    ON.set(true);
}

/// A call as the inspector shows it, numbered (for the callbacks it makes later); `None` while
/// the inspector is off.
/// `unknown` are the payload's keys the API does not read, with their values: shown after the
/// others, so a typo is in plain sight.
pub fn record(
    method: Method,
    payload: &JsInput,
    unknown: &[(String, JsInput)],
    outcome: Outcome,
    warnings: Vec<String>,
    at: f64,
) -> Option<LoggedCall> {
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
    Some(LoggedCall {
        seq,
        at,
        method,
        payload,
        outcome,
        warnings,
        callbacks: Vec::new(),
    })
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
    let in_url = crate::browser::page_query("inspector").is_some();
    let stored = crate::browser::stored("amocrm-notify:inspector").is_some_and(|v| v == "on");
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
    fn off_records_nothing_on_numbers_each_call() {
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
        let first = record(
            Method::AddError,
            &JsInput::Null,
            &[],
            Outcome::Id("a".into()),
            vec![],
            0.0,
        )
        .unwrap();
        // A payload's unknown keys are shown after the others, with their values.
        let payload = JsInput::Object(vec![("text", JsInput::String("ok".into()))]);
        let unknown = [("hedaer".to_owned(), JsInput::String("Saved".into()))];
        let warning = "unknown key \"hedaer\"".to_owned();
        let call = record(
            Method::ShowMessage,
            &payload,
            &unknown,
            Outcome::Id("y".into()),
            vec![warning.clone()],
            0.0,
        )
        .unwrap();
        assert_eq!(call.seq, first.seq + 1);
        assert_eq!(
            call.payload,
            Payload::Object(vec![
                ("text".into(), Payload::Text("ok".into())),
                ("hedaer".into(), Payload::Text("Saved".into())),
            ])
        );
        assert_eq!(call.warnings, [warning]);
        assert_eq!(
            serde_json::to_string(&call.outcome).unwrap(),
            r#"{"result":"id","value":"y"}"#
        );
    }
}
