//! A call recording that loads nothing until the person presses play. One that cannot be played
//! says so, with a link to open it.

use yew::prelude::*;

use super::icons;
use crate::notification::Link;
use crate::sheet::{sheet, Sheet};

static SHEET: Sheet = sheet!("components/recording_player.css");

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
    SHEET.attach();
    // Clicks here must not also open the card underneath.
    let stop = Callback::from(|event: MouseEvent| event.stop_propagation());
    let content = if *failed {
        html! {
            <p class="an-recording__failed" role="status">
                { lang.recording_failed() }
                <a href={props.src.as_str().to_owned()} target="_blank" rel="noopener noreferrer"
                   onclick={stop.clone()}>{ lang.open_recording() }</a>
            </p>
        }
    } else if *playing {
        html! {
            <audio ref={audio_ref} controls=true autoplay=true preload="none" src={props.src.as_str().to_owned()}
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
    html! { <div class="an-player">{ content }</div> }
}
