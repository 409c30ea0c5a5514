//! The widget's `{ done, fail, always }`, and the receipts that hold them until the store says
//! what became of an `add_*` notification.
//!
//! A `show_*` call settles at once: `done(notification)` then `always()`. An `add_*` call's
//! callbacks wait here until the store's [`WidgetEvent`]s, which [`Widgets`] takes after each
//! render, say it is kept (`Delivered`: by the account's server, or in this
//! browser when none is named: `done`), or that the server has not taken it yet
//! (`Waiting`: `fail`, once). `always` follows the first of them.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::error::ApiError;
use crate::notification::{Method, NotificationId};

/// Where the inspector notes a call's callbacks: its number, and the store that keeps the log.
#[derive(Clone)]
pub(super) struct Trace {
    pub(super) seq: u64,
    pub(super) log: yew::Callback<crate::store::Action>,
}

/// The widget's `{ done, fail, always }`.
pub(super) struct Callbacks {
    pub(super) raw: JsValue,
    pub(super) done: Option<Function>,
    fail: Option<Function>,
    always: Option<Function>,
    /// The call's number in the inspector, when it is on: each callback made is noted there.
    pub(super) trace: Option<Trace>,
}

impl Callbacks {
    pub(super) fn read(method: Method, raw: &JsValue) -> Self {
        let mut callbacks = Callbacks {
            raw: raw.clone(),
            done: None,
            fail: None,
            always: None,
            trace: None,
        };
        if raw.is_undefined() || raw.is_null() {
            return callbacks;
        }
        if !raw.is_object() {
            warn(&format!(
                "AMOCRM.notifications.{}: the second argument must be an object {{ done, fail, always }}; it was ignored",
                method.name()
            ));
            return callbacks;
        }
        for (name, slot) in [
            ("done", &mut callbacks.done),
            ("fail", &mut callbacks.fail),
            ("always", &mut callbacks.always),
        ] {
            match Reflect::get(raw, &name.into()) {
                Ok(value) if value.is_function() => *slot = Some(value.unchecked_into()),
                Ok(value) if value.is_undefined() || value.is_null() => {}
                _ => warn(&format!(
                    "AMOCRM.notifications.{}: callback \"{name}\" is not a function; it was ignored",
                    method.name()
                )),
            }
        }
        callbacks
    }

    fn is_empty(&self) -> bool {
        self.done.is_none() && self.fail.is_none() && self.always.is_none()
    }

    /// Calls `done(notification)` or `fail(error)`, then `always()`, after the method has returned.
    /// A callback that throws is reported and does not stop the others.
    pub(super) fn settle(self, outcome: Result<JsValue, JsValue>) {
        if self.is_empty() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let (first, name, arg) = match outcome {
                Ok(notification) => (self.done, "done", notification),
                Err(error) => (self.fail, "fail", error),
            };
            traced(self.trace.as_ref(), first.as_ref(), name, &arg);
            traced(
                self.trace.as_ref(),
                self.always.as_ref(),
                "always",
                &JsValue::UNDEFINED,
            );
        });
    }

    /// Keeps the callbacks of an accepted call until the server has it; `result` is what `done`
    /// will receive.
    pub(super) fn hold(self, id: NotificationId, method: Method, result: JsValue) {
        if self.is_empty() {
            return;
        }
        RECEIPTS.with_borrow_mut(|receipts| {
            receipts.insert(
                id,
                Receipt {
                    callbacks: self,
                    method,
                    result,
                    failed: false,
                },
            )
        });
    }
}

struct Receipt {
    callbacks: Callbacks,
    method: Method,
    result: JsValue,
    /// `fail` was called (and `always`): only `done` may follow.
    failed: bool,
}

thread_local! {
    static RECEIPTS: RefCell<HashMap<NotificationId, Receipt>> = RefCell::default();
}

/// The server accepted `id`: `done(notification)`, and `always()` unless `fail` came first.
pub(super) fn delivered(id: &NotificationId) {
    let Some(receipt) = RECEIPTS.with_borrow_mut(|r| r.remove(id)) else {
        return;
    };
    let trace = receipt.callbacks.trace.as_ref();
    traced(
        trace,
        receipt.callbacks.done.as_ref(),
        "done",
        &receipt.result,
    );
    if !receipt.failed {
        traced(
            trace,
            receipt.callbacks.always.as_ref(),
            "always",
            &JsValue::UNDEFINED,
        );
    }
}

/// The server could not take notifications (`why`): every held call not told yet gets
/// `fail(error)` and `always()`, once; the receipts stay for `done`. (When the server is down, the
/// notifications behind the first in line have failed too, though only the first was sent.)
pub(super) fn queued(why: &str) {
    let first: Vec<_> = RECEIPTS.with_borrow_mut(|receipts| {
        receipts
            .values_mut()
            .filter(|receipt| !receipt.failed)
            .map(|receipt| {
                receipt.failed = true;
                (
                    receipt.method,
                    receipt.callbacks.fail.clone(),
                    receipt.callbacks.always.clone(),
                    receipt.callbacks.trace.clone(),
                )
            })
            .collect()
    });
    for (method, fail, always, trace) in first {
        let error = ApiError::params(
            method,
            format!("the account's server has not accepted the notification yet ({why}); it is queued and will be delivered when the server answers"),
        );
        traced(trace.as_ref(), fail.as_ref(), "fail", &error_object(&error));
        traced(
            trace.as_ref(),
            always.as_ref(),
            "always",
            &JsValue::UNDEFINED,
        );
    }
}

/// The server refused `id` for good (`why`): it will not be sent again. `fail(error)` and
/// `always()`, unless the call was told it failed already.
pub(super) fn refused(id: &NotificationId, why: &str) {
    let Some(receipt) = RECEIPTS.with_borrow_mut(|r| r.remove(id)) else {
        return;
    };
    if receipt.failed {
        return;
    }
    let error = ApiError::params(
        receipt.method,
        format!(
            "the account's server refused the notification ({why}); it stays in this browser only"
        ),
    );
    let trace = receipt.callbacks.trace.as_ref();
    traced(
        trace,
        receipt.callbacks.fail.as_ref(),
        "fail",
        &error_object(&error),
    );
    traced(
        trace,
        receipt.callbacks.always.as_ref(),
        "always",
        &JsValue::UNDEFINED,
    );
}

/// A removed entry will not be delivered: its callbacks are let go without a call.
pub(super) fn forget(id: &NotificationId) {
    RECEIPTS.with_borrow_mut(|r| r.remove(id));
}

/// [`invoke`], noted in the inspector under call `trace`.
fn traced(trace: Option<&Trace>, callback: Option<&Function>, name: &'static str, arg: &JsValue) {
    if let (Some(trace), Some(_)) = (trace, callback) {
        trace
            .log
            .emit(crate::store::CallAction::CalledBack(trace.seq, name).into());
    }
    invoke(callback, name, arg);
}

pub(super) fn invoke(callback: Option<&Function>, name: &str, arg: &JsValue) {
    if let Some(callback) = callback {
        if let Err(thrown) = callback.call1(&JsValue::UNDEFINED, arg) {
            web_sys::console::error_2(
                &format!("AMOCRM.notifications: the \"{name}\" callback threw").into(),
                &thrown,
            );
        }
    }
}

/// What `fail` receives: an `Error` with the message, plus `method` and `field`.
pub(super) fn error_object(error: &ApiError) -> JsValue {
    let object = js_sys::Error::new(&error.to_string());
    object.set_name("NotificationError");
    let field = error
        .field
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    let _ = Reflect::set(&object, &"method".into(), &error.method.name().into());
    let _ = Reflect::set(&object, &"field".into(), &field);
    object.into()
}

fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}
