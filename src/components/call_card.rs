//! What a call adds to a notification: who called, who took it, the entity, the duration and the
//! recording.

use yew::prelude::*;

use super::recording_player::RecordingPlayer;
use crate::hooks::open_link;
use crate::notification::{time, CallInfo};
use crate::sheet::{sheet, Sheet};

static SHEET: Sheet = sheet!("components/call_card.css");

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
}

#[component]
pub fn CallCard(props: &CallCardProps) -> Html {
    let lang = crate::hooks::use_lang();
    SHEET.attach();
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
                open_link(&page);
            })
        };
        let name = entity.display_name();
        let value = html! { <a href={page.as_str().to_owned()} {onclick}>{ name.clone() }</a> };
        row(label, value, &name)
    });
    html! {
        <>
            <dl class="an-call-card">
                if let Some(from) = &call.from { { row(lang.from(), html! { { from.clone() } }, from) } }
                if let Some(to) = &call.to { { row(lang.to(), html! { { to.clone() } }, to) } }
                { entity.unwrap_or_default() }
                if let Some(secs) = call.duration_secs { { row(lang.duration(), html! { { time::duration(secs) } }, "") } }
            </dl>
            if let Some(src) = &call.recording {
                <RecordingPlayer src={src.clone()} />
            }
        </>
    }
}
