//! A call recording that loads nothing until the person presses play. One that cannot be played
//! says so, with a link to open it.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::icons;
use crate::i18n::{Label, Words};
use crate::notification::Link;

#[derive(Properties, PartialEq)]
pub struct RecordingPlayerProps {
    pub src: Link,
}

#[component]
pub fn RecordingPlayer(props: &RecordingPlayerProps) -> Html {
    let lang = crate::hooks::use_lang();
    let playing = use_state(|| false);
    let failed = use_state(|| false);
    let audio_ref = use_node_ref();
    {
        // A media `error` does not bubble: listened to on the element itself.
        let (audio_ref, failed) = (audio_ref.clone(), failed.clone());
        use_effect_with(*playing, move |_| {
            let listener = audio_ref.cast::<web_sys::Element>().map(|audio| {
                gloo_events::EventListener::new(&audio, "error", move |_| failed.set(true))
            });
            move || drop(listener)
        });
    }
    let style = use_style(style());
    // Clicks here must not also open the card underneath.
    let stop = Callback::from(|event: MouseEvent| event.stop_propagation());
    let content = if *failed {
        html! {
            <p class="an-recording__failed" role="status">
                { lang.label(Label::RecordingFailed) }
                <a href={props.src.as_str().to_owned()} target="_blank" rel="noopener noreferrer"
                   onclick={stop.clone()}>{ lang.label(Label::OpenRecording) }</a>
            </p>
        }
    } else if *playing {
        html! {
            <audio ref={audio_ref} controls=true autoplay=true preload="none" src={props.src.as_str().to_owned()}
                   aria-label={lang.label(Label::CallRecording)} onclick={stop} />
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
            <button type="button" {onclick}>{ icons::play(12) }{ lang.label(Label::PlayRecording) }</button>
        }
    };
    html! { <div class={classes!("an-player", style)}>{ content }</div> }
}

/// A call's recording: the "Play recording" button, then the player. Scoped by stylist to the
/// component's root, which keeps its `an-player` class for hosts' style sheets and the tests.
fn style() -> StyleSource {
    css!(
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
        .an-recording__failed { margin: 0; font-size: 13px; color: var(--an-text-muted); }
        .an-recording__failed a { color: var(--an-accent); font-weight: 500; margin-inline-start: 6px; }
        "#
    )
}
