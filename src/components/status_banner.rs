//! The error banner: where this browser stands with the account's server ("Offline: 3 changes
//! will sync", "Reconnecting…", "Signed out: sign in again", "Showing history saved at 10:42"),
//! announced politely. One component for both places it shows: the center's header, and across
//! the top of the pop-ups when the person must act (signed out).

use yew::prelude::*;

use crate::hooks::{use_connection, use_lang};
use crate::notification::time;
use crate::sheet::{sheet, Sheet};
use crate::store::Status;

static SHEET: Sheet = sheet!("components/status_banner.css");

/// Where the banner is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerPlace {
    /// A line in the center's header: every state.
    Center,
    /// Across the top of the pop-ups: only when the person must act.
    Popups,
}

#[derive(Properties, PartialEq)]
pub struct StatusBannerProps {
    pub place: BannerPlace,
}

#[component]
pub fn StatusBanner(props: &StatusBannerProps) -> Html {
    let status = use_connection();
    let lang = use_lang();
    SHEET.attach();
    let shown = match props.place {
        BannerPlace::Center => status != Status::Clear,
        BannerPlace::Popups => status.needs_action(),
    };
    // The live region stays in the page while empty, so a change is announced when it comes.
    let text = if shown {
        lang.connection(status, |at| time::clock(at, time::local_offset(at)))
    } else {
        String::new()
    };
    let state = match status {
        Status::Clear => "clear",
        Status::Offline { .. } => "offline",
        Status::Reconnecting { .. } => "reconnecting",
        Status::Saved { .. } => "saved",
        Status::SignedOut { .. } => "signed-out",
    };
    let place = match props.place {
        BannerPlace::Center => "an-banner--center",
        BannerPlace::Popups => "an-banner--popups",
    };
    html! {
        <div class={classes!("an-banner", place)} role="status" aria-live="polite"
             data-state={state} hidden={!shown}>
            if shown {
                <span class="an-banner__dot" aria-hidden="true"></span>
                <span class="an-banner__text">{ text }</span>
            }
        </div>
    }
}
