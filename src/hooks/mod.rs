//! Shared by components: a ticking clock, and following a notification's link.

mod open_link;
mod use_clock;
mod use_lang;

pub use open_link::{follow_click, open_link, reveal_entry, NAVIGATE_EVENT, REVEAL_EVENT};
pub use use_clock::use_clock;
pub use use_lang::use_lang;
