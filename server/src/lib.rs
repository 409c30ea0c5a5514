//! amocrm-notify-server: the account's server. It keeps each person's notification center (their
//! history, read state and preferences) on SQLite or PostgreSQL and streams every change to each of
//! their sessions, so every device shows the same center.

#![warn(unreachable_pub)]

pub mod commands;
pub mod config;
pub mod db;
mod directory;
mod http;
mod jobs;
mod metrics;
mod rate;
pub mod serve;
mod stream;
pub mod token;

/// The API's OpenAPI 3.1 document as JSON, as `GET /v1/openapi.json` serves it and
/// `docs/openapi.json` holds it.
pub fn openapi_json() -> String {
    http::openapi_text(http::document())
}
