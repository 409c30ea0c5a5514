//! A call recording that loads nothing until the person presses play.

use stylist::yew::use_style;
use yew::prelude::*;

use super::icons;
use crate::notification::Link;

#[derive(Properties, PartialEq)]
pub struct RecordingPlayerProps {
    pub src: Link,
}

#[component]
pub fn RecordingPlayer(props: &RecordingPlayerProps) -> Html {
    let lang = crate::hooks::use_lang();
    let playing = use_state(|| false);
    let style = use_style!(
        r#"
        margin-top: 10px;
        button {
            display: inline-flex; align-items: center; gap: 6px;
            padding: 6px 12px; border-radius: 999px; cursor: pointer;
            border: 1px solid var(--an-border); background: var(--an-surface-muted);
            color: var(--an-text); font-size: 13px; font-weight: 500;
        }
        button:hover { background: var(--an-surface-hover); border-color: var(--an-accent); }
        button svg { color: var(--an-call); }
        audio { width: 100%; height: 36px; }
        "#
    );
    // Clicks here must not also open the card underneath.
    let stop = Callback::from(|event: MouseEvent| event.stop_propagation());
    let content = if *playing {
        html! {
            <audio controls=true autoplay=true preload="none" src={props.src.as_str().to_owned()}
                   aria-label={lang.call_recording()} onclick={stop} />
        }
    } else {
        let onclick = {
            let playing = playing.clone();
            Callback::from(move |event: MouseEvent| {
                event.stop_propagation();
                playing.set(true);
            })
        };
        html! {
            <button type="button" {onclick}>{ icons::play(12) }{ lang.play_recording() }</button>
        }
    };
    html! { <div class={style}>{ content }</div> }
}
