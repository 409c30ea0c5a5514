//! The developer inspector: every API call with its payload, the id or the validation error it
//! returned and the callbacks made, newest first, each copyable as JSON. Shown when the page asks
//! for it (see [`crate::api::inspector::requested`]); otherwise it renders nothing.

use yew::prelude::*;

use crate::api::inspector::{self, LoggedCall, Outcome};
use crate::sheet::{sheet, Sheet};
use crate::wire;

static SHEET: Sheet = sheet!("components/inspector.css");

#[component]
pub fn Inspector() -> Html {
    let refresh = use_force_update();
    let lang = crate::hooks::use_lang();
    let open = use_state(|| true);
    let copied = use_state(|| None::<u64>);
    {
        let refresh = refresh.clone();
        // After the first render of the whole app: the API (which switches the inspector on) may
        // render after this component.
        use_effect_with((), move |_| {
            if inspector::is_on() {
                let listener = refresh.clone();
                inspector::listen(move || listener.force_update());
                refresh.force_update();
            }
        });
    }
    SHEET.attach();
    if !inspector::is_on() {
        return Html::default();
    }
    let calls = if *open {
        inspector::newest_first()
    } else {
        Vec::new()
    };
    let count = inspector::len();
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onclear = Callback::from(|_: MouseEvent| inspector::clear());
    let oncopyall = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            crate::browser::copy_text(&wire::to_pretty(&inspector::newest_first()));
            copied.set(Some(0));
        })
    };
    let rows = calls.into_iter().map(|call| {
        let oncopy = {
            // Written out when clicked, not on every render of the list.
            let (copied, record) = (copied.clone(), call.clone());
            Callback::from(move |_: MouseEvent| {
                crate::browser::copy_text(&wire::to_pretty(&record));
                copied.set(Some(record.seq));
            })
        };
        row(&call, *copied == Some(call.seq), oncopy)
    });
    html! {
        <aside class="an-inspector" aria-label="API inspector">
            <div class="ai-head">
                <button type="button" class="ai-title" aria-expanded={open.to_string()} onclick={ontoggle}>
                    { "API inspector" }<small>{ lang.calls(count) }</small>
                </button>
                if *open {
                    <button type="button" class="ai-btn" onclick={oncopyall}>
                        { if *copied == Some(0) { "Copied" } else { "Copy all as JSON" } }
                    </button>
                    <button type="button" class="ai-btn" onclick={onclear}>{ "Clear" }</button>
                }
            </div>
            if *open {
                if count == 0 {
                    <p class="ai-empty">{ "No calls yet. Calls to AMOCRM.notifications and APP.notifications appear here, newest first." }</p>
                } else {
                    <ol>{ for rows }</ol>
                }
            }
        </aside>
    }
}

fn row(call: &LoggedCall, copied: bool, oncopy: Callback<MouseEvent>) -> Html {
    let (result, class, error) = match &call.outcome {
        Outcome::Id(id) => (id.clone(), "ai-result ai-result--id", None),
        Outcome::Error(message) => (
            "false".to_owned(),
            "ai-result ai-result--error",
            Some(message.clone()),
        ),
    };
    let callbacks = if call.callbacks.is_empty() {
        "none".to_owned()
    } else {
        call.callbacks.join(" → ")
    };
    let payload = wire::to_pretty(&call.payload);
    html! {
        <li data-seq={call.seq.to_string()} data-method={call.method}>
            <div class="ai-call">
                <span class="ai-method">{ call.method }</span>
                <span class="ai-time">{ clock(call.at) }</span>
                <span class={class} data-result="">{ result }</span>
                <button type="button" class="ai-btn" onclick={oncopy}>{ if copied { "Copied" } else { "Copy JSON" } }</button>
            </div>
            if let Some(error) = error { <p class="ai-error">{ error }</p> }
            { for call.warnings.iter().map(|w| html! { <p class="ai-warning">{ w.clone() }</p> }) }
            // Scrollable: reachable by keyboard, and named for what it holds.
            <pre tabindex="0" aria-label={format!("{} payload", call.method)}>{ payload }</pre>
            <p class="ai-callbacks">{ format!("callbacks: {callbacks}") }</p>
        </li>
    }
}

/// "14:03:07.412", local time.
fn clock(at: f64) -> String {
    let local = at - crate::browser::utc_offset_min(at) * 60_000.0;
    let ms = local.rem_euclid(86_400_000.0) as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}
