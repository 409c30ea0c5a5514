//! Shared by components: a ticking clock, following a notification's link, the interface
//! language, the connection state to show, and whether the first frame has been painted.

mod open_link;
mod use_clock;
mod use_connection;
mod use_lang;
mod use_painted;

pub use open_link::{follow_click, open_link, reveal_entry, NAVIGATE_EVENT, REVEAL_EVENT};
pub use use_clock::use_clock;
pub use use_connection::{use_connection, SETTLE_MS};
pub use use_lang::{use_lang, use_set_lang, SetLang};
pub use use_painted::use_painted;
