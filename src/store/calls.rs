//! The developer inspector's log: every API call with the payload as the API read it, what it
//! returned and the callbacks it made. The JS API records them (`api::inspector`) as actions; the
//! inspector panel shows them from here.

use std::collections::VecDeque;

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
    pub method: Method,
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

/// What changes the inspector's log of calls.
#[derive(Clone, Debug, PartialEq)]
pub enum CallAction {
    /// The page asked for the developer inspector: the JS API logs its calls.
    Inspect,
    /// The JS API took a call.
    Logged(Box<LoggedCall>),
    /// The JS API called a widget's callback (`done`, `fail`, `always`) for the logged call.
    CalledBack(u64, &'static str),
    /// "Clear" in the inspector.
    Clear,
}

/// The calls the inspector shows, once the page asked for it.
#[derive(Debug, Default, PartialEq)]
pub struct CallLog {
    /// The page asked for the inspector: the JS API records its calls.
    pub on: bool,
    calls: VecDeque<LoggedCall>,
}

impl CallLog {
    /// Applies `action`; whether anything shown changed.
    pub fn apply(&mut self, action: CallAction) -> bool {
        match action {
            CallAction::Inspect => !std::mem::replace(&mut self.on, true),
            CallAction::Logged(call) => {
                self.push(*call);
                true
            }
            CallAction::CalledBack(seq, name) => self.called_back(seq, name),
            CallAction::Clear => self.clear(),
        }
    }

    /// Keeps `call`, dropping the oldest beyond [`KEEP`].
    pub fn push(&mut self, call: LoggedCall) {
        if self.calls.len() == KEEP {
            self.calls.pop_front();
        }
        self.calls.push_back(call);
    }

    /// The API called `name` for call `seq`; whether that call is still kept.
    pub fn called_back(&mut self, seq: u64, name: &'static str) -> bool {
        // Recent calls are at the back.
        self.calls
            .iter_mut()
            .rev()
            .find(|call| call.seq == seq)
            .map(|call| call.callbacks.push(name))
            .is_some()
    }

    /// Forgets every call; whether there were any.
    pub fn clear(&mut self) -> bool {
        let had = !self.calls.is_empty();
        self.calls.clear();
        had
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// The calls, newest first.
    pub fn newest_first(&self) -> Vec<LoggedCall> {
        self.calls.iter().rev().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(seq: u64) -> LoggedCall {
        LoggedCall {
            seq,
            at: 0.0,
            method: Method::AddError,
            payload: Payload::Null,
            outcome: Outcome::Id(seq.to_string()),
            warnings: Vec::new(),
            callbacks: Vec::new(),
        }
    }

    #[test]
    fn keeps_the_last_calls_and_their_callbacks() {
        let mut log = CallLog::default();
        for seq in 1..=(KEEP as u64 + 3) {
            log.push(call(seq));
        }
        let calls = log.newest_first();
        assert_eq!(log.len(), KEEP);
        assert_eq!(calls[0].seq, KEEP as u64 + 3);
        assert_eq!(calls[KEEP - 1].seq, 4, "the oldest three dropped");
        assert!(log.called_back(KEEP as u64 + 3, "done"));
        assert!(!log.called_back(1, "done"), "dropped");
        assert_eq!(log.newest_first()[0].callbacks, ["done"]);
        assert!(log.clear());
        assert!(log.is_empty());
    }
}
