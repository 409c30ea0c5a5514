//! Shared by components: a ticking clock, the interface language, the connection state to show,
//! whether the first frame has been painted, whether an element cuts its text short, and how an
//! open panel takes focus and closes (Escape, a press outside, focus leaving, Back).

mod use_clock;
mod use_connection;
mod use_cut;
mod use_lang;
mod use_painted;
mod use_panel;

pub(crate) use use_clock::use_clock;
pub(crate) use use_connection::use_connection;
pub(crate) use use_cut::use_cut;
#[cfg(feature = "demo")]
pub(crate) use use_lang::use_set_lang;
pub(crate) use use_lang::{use_lang, SetLang};
pub(crate) use use_painted::use_painted;
pub(crate) use use_panel::{
    on_focus_leaving, use_back_closes, use_escape, use_focus_into, use_press_outside,
};
