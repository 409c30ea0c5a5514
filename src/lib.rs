//! amocrm-notify: the amoCRM widget notifications API (`AMOCRM.notifications`,
//! `APP.notifications`) as a Yew notification center.
//!
//! Data flows one way: JS caller → [`api`] (parse, validate) → [`store`] (actions, reducer) →
//! [`components`] (render).

pub mod api;
pub mod app;
pub mod components;
pub mod delivery;
pub mod embed;
pub mod examples;
pub mod hooks;
pub mod i18n;

pub mod notification;
pub mod pages;
pub mod persist;
pub mod routes;
pub mod store;
pub mod wire;

pub use app::{App, JsApi};
