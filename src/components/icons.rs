//! Inline SVG icons, drawn with `currentColor` so that they follow the theme.

use yew::prelude::*;

use crate::notification::Kind;

fn svg(path: Html, size: u32) -> Html {
    html! {
        <svg width={size.to_string()} height={size.to_string()} viewBox="0 0 24 24" fill="none"
             stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"
             aria-hidden="true" focusable="false">
            { path }
        </svg>
    }
}

pub fn bell(size: u32) -> Html {
    svg(
        html! { <>
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </> },
        size,
    )
}

pub fn close(size: u32) -> Html {
    svg(html! { <path d="M18 6 6 18M6 6l12 12" /> }, size)
}

/// Two arrows apart: read the entry in full.
pub fn expand(size: u32) -> Html {
    svg(
        html! { <path d="M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7" /> },
        size,
    )
}

pub fn chevron_down(size: u32) -> Html {
    svg(html! { <path d="m6 9 6 6 6-6" /> }, size)
}

pub fn settings(size: u32) -> Html {
    svg(
        html! { <>
            <circle cx="12" cy="12" r="3" />
            <path d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z" />
        </> },
        size,
    )
}

pub fn phone(size: u32) -> Html {
    svg(
        html! {
            <path d="M22 16.92v3a2 2 0 0 1-2.18 2 19.8 19.8 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.12 4.18 2 2 0 0 1 4.11 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.09 9.91a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.91.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z" />
        },
        size,
    )
}

pub fn alert(size: u32) -> Html {
    svg(
        html! { <>
            <circle cx="12" cy="12" r="10" /><path d="M12 8v4M12 16h.01" />
        </> },
        size,
    )
}

pub fn info(size: u32) -> Html {
    svg(
        html! { <>
            <circle cx="12" cy="12" r="10" /><path d="M12 16v-4M12 8h.01" />
        </> },
        size,
    )
}

pub fn check(size: u32) -> Html {
    svg(
        html! { <>
            <circle cx="12" cy="12" r="10" /><path d="m8 12 3 3 5-6" />
        </> },
        size,
    )
}

pub fn play(size: u32) -> Html {
    svg(
        html! { <polygon points="6 4 20 12 6 20 6 4" fill="currentColor" /> },
        size,
    )
}

/// The icon that stands for a kind of notification.
pub fn for_kind(kind: Kind, size: u32) -> Html {
    match kind {
        Kind::Info => info(size),
        Kind::Success => check(size),
        Kind::Error => alert(size),
        Kind::Call => phone(size),
    }
}
