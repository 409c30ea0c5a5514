//! The error banner: where this browser stands with the account's server ("Offline: 3 changes
//! will sync", "Reconnecting…", "Signed out: sign in again", "Showing history saved at 10:42"),
//! announced politely. One component for both places it shows: the center's header, and across
//! the top of the pop-ups when the person must act (signed out).

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use crate::hooks::{use_connection, use_lang};
use crate::i18n::{Label, Words};
use crate::notification::time;
use crate::store::Status;

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
    let style = use_style(style());
    let shown = match props.place {
        BannerPlace::Center => status != Status::Clear,
        BannerPlace::Popups => status.needs_action(),
    };
    // The live region stays in the page while empty, so a change is announced when it comes.
    let text = if shown {
        lang.connection(status, time::local_clock)
    } else {
        String::new()
    };
    let sign_in = Callback::from(|_: MouseEvent| {
        crate::api::unauthorized("unauthorized", "the person asked to sign in again");
    });
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
        <div class={classes!("an-banner", place, style)} role="status" aria-live="polite"
             data-state={state} hidden={!shown}>
            if shown {
                <span class="an-banner__dot" aria-hidden="true"></span>
                <span class="an-banner__text">{ text }</span>
                // Something to do: the page's `amocrm-notify:unauthorized` handler, asked again.
                if status.needs_action() {
                    <button type="button" class="an-banner__action" onclick={sign_in}>
                        { lang.label(Label::SignIn) }
                    </button>
                }
            }
        </div>
    }
}

/// The connection banner: calm, a line of muted text with a small dot; the colour says the kind.
/// Scoped by stylist to the component's root, which keeps its `an-banner` class for hosts' style
/// sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        --an-banner-dot: var(--an-text-muted);
        display: flex; align-items: center; gap: 8px; min-width: 0;
        font: 500 13px/1.35 var(--an-font); color: var(--an-text);
        &[hidden] { display: none; }
        &[data-state="saved"] { --an-banner-dot: light-dark(#b7791f, #f0b45a); }
        &[data-state="signed-out"] { --an-banner-dot: var(--an-accent); }
        .an-banner__dot {
            flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--an-banner-dot);
        }
        .an-banner__text { min-width: 0; overflow-wrap: anywhere; }
        .an-banner__action {
            flex: none; margin-left: auto; border: 1px solid currentColor; border-radius: 999px;
            background: transparent; color: inherit; font: 600 12px/1 var(--an-font); padding: 5px 10px;
            cursor: pointer;
        }
        .an-banner__action:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 2px; }
        &.an-banner--center {
            padding: 8px 16px; background: var(--an-surface-muted); border-bottom: 1px solid var(--an-border);
        }
        &.an-banner--popups {
            pointer-events: auto; margin-top: var(--an-popup-gap); padding: 10px 14px;
            background: var(--an-surface); border: 1px solid var(--an-border);
            border-left: 4px solid var(--an-banner-dot); border-radius: var(--an-radius);
            box-shadow: var(--an-shadow);
        }
        "#
    )
}
