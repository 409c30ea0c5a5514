//! The wire types of amocrm-notify, shared by the app (compiled to wasm) and the account's server,
//! so the format is defined once: the center entry ([`record`]), the account server's HTTP API
//! ([`http_api`]) and where it sent an entry ([`channel`]), and the rules both sides apply to what
//! they are sent: URLs ([`link`]) and the markup allow-list ([`markup`]); the names of things
//! ([`kinds`]) and the words both write ([`words`]); and the reader of the server's event stream
//! ([`sse`]).

#![warn(unreachable_pub)]

pub mod channel;
pub mod entities;
pub mod error;
pub mod http_api;
pub mod kinds;
pub mod link;
pub mod markup;
pub mod record;
pub mod sse;
pub mod words;

pub use error::FieldError;
pub use kinds::{EntityKind, EntryKind, Method};
pub use record::{CallRecord, Delivery, ElementRecord, Record, SCHEMA};
