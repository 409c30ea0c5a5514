//! Hooks shared by components: a ticking clock and link following.

mod use_clock;
mod use_open_link;

pub use use_clock::use_clock;
pub use use_open_link::{open_link, use_open_link};
