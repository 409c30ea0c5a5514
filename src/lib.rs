//! amocrm-notify: the amoCRM widget notifications API (`AMOCRM.notifications`,
//! `APP.notifications`) as a Yew notification center.
//!
//! Data flows one way: JS caller → [`api`] (parse, validate) → [`store`] (actions, reducer) →
//! [`components`] (render).
//!
//! Two builds come from it: the demo site (the default `demo` feature) and the embed, which is the
//! notification UI alone.

#![warn(unreachable_pub)]

pub mod api;
mod browser;
pub mod components;
mod delivery;
pub mod embed;
mod hooks;
pub mod host;
pub mod i18n;
mod json;
mod navigate;
pub mod notification;
mod persist;
pub mod store;
mod theme;
mod token;

// The demo site around the notification UI: its pages, router and sample calls. The embed build leaves
// it out (`--no-default-features`).
#[cfg(feature = "demo")]
pub mod app;
#[cfg(feature = "demo")]
pub mod pages;
#[cfg(feature = "demo")]
pub mod routes;
#[cfg(feature = "demo")]
pub mod sample_calls;

#[cfg(feature = "demo")]
pub use app::App;
