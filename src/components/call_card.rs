//! What a call adds to a notification: who called, who took it, the entity, the duration and the
//! recording.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::recording_player::RecordingPlayer;
use crate::i18n::{Label, Words};
use crate::navigate::{in_shadow, open_link};
use crate::notification::{time, CallInfo};

/// A value as a tooltip: up to 300 characters; none for an empty one.
fn tooltip(value: &str) -> Option<String> {
    match value.char_indices().nth(300) {
        _ if value.is_empty() => None,
        Some((cut, _)) => Some(format!("{}…", &value[..cut])),
        None => Some(value.to_owned()),
    }
}

#[derive(Properties, PartialEq)]
pub struct CallCardProps {
    pub call: CallInfo,
    /// Every value in full (an entry read in full), not two lines of each.
    #[prop_or_default]
    pub whole: bool,
}

#[component]
pub fn CallCard(props: &CallCardProps) -> Html {
    let lang = crate::hooks::use_lang();
    let style = use_style(style());
    let call = &props.call;
    let row = |label: &str, value: Html, full: &str| {
        html! { <><dt>{ label.to_owned() }</dt><dd title={tooltip(full)} dir="auto">{ value }</dd></> }
    };
    let entity = call.entity.as_ref().map(|entity| {
        let page = entity.page();
        let label = lang.entity(entity.kind);
        let onclick = {
            let page = page.clone();
            Callback::from(move |event: MouseEvent| {
                event.stop_propagation();
                event.prevent_default();
                open_link(&page, in_shadow(&event));
            })
        };
        let name = entity.display_name();
        let value = html! { <a href={page.as_str().to_owned()} {onclick}>{ name.clone() }</a> };
        row(label, value, &name)
    });
    html! {
        <>
            <dl class={classes!("an-call-card", style)} data-whole={props.whole.then_some("")}>
                if let Some(from) = &call.from { { row(lang.label(Label::From), html! { { from.clone() } }, from) } }
                if let Some(to) = &call.to { { row(lang.label(Label::To), html! { { to.clone() } }, to) } }
                { entity.unwrap_or_default() }
                if let Some(secs) = call.duration_secs { { row(lang.label(Label::Duration), html! { { time::duration(secs) } }, "") } }
            </dl>
            if let Some(src) = &call.recording {
                <RecordingPlayer src={src.clone()} />
            }
        </>
    }
}

/// A call card: the caller, the callee, the contact and the duration, under a call pop-up or entry.
/// Scoped by stylist to the component's root, which keeps its `an-call-card` class for hosts' style
/// sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        display: grid; grid-template-columns: auto 1fr; gap: 3px 12px;
        margin: 8px 0 0; font-size: 13px;
        dt { color: var(--an-text-muted); }
        /* Every value is bounded (two lines); the whole of it is in the tooltip and the center. */
        dd {
            margin: 0; color: var(--an-text); min-width: 0; overflow-wrap: anywhere;
            display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
        }
        &[data-whole] dd { display: block; overflow: visible; }
        a { color: var(--an-accent); font-weight: 500; text-decoration: none; position: relative; z-index: 1; }
        a:hover { text-decoration: underline; }
        "#
    )
}
