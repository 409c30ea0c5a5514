//! The JavaScript surface: `window.AMOCRM.notifications` / `window.APP.notifications`.
//!
//! `bindings` copies each call's arguments out of JavaScript into a [`value::JsInput`], `parse`
//! validates them into a `Notification`, and the result goes to the store as an `Action`.
//! JavaScript values are touched by `bindings` and by `callbacks` (which holds and calls the
//! widget's `done` / `fail`); everything else here is pure Rust and tested natively.

pub mod config;
pub mod date;
pub mod error;
pub mod ids;
pub mod parse;
pub mod value;

mod bindings;
mod callbacks;
pub mod inspector;
mod panic_hook;
mod widgets;

pub use bindings::{call_with_json, install, renew_token, unauthorized, CallOutcome, ShimGuard};
pub use error::{ApiError, Level, Notice};
pub use panic_hook::install_panic_hook;
pub use parse::{parse, Parsed};
pub use value::JsInput;
pub use widgets::Widgets;
