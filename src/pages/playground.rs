//! Choose a method, edit its JSON parameters, call it, see the id it returned or why it refused.

use stylist::{css, yew::use_style, StyleSource};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::{call_with_json, CallOutcome};
use crate::notification::Method;
use crate::sample_calls::REFERENCE;

#[component]
pub fn Playground() -> Html {
    let method = use_state(|| Method::ShowMessage);
    let params = use_state(|| REFERENCE[0].params.to_owned());
    let outcome = use_state(|| None::<CallOutcome>);

    let onmethod = {
        let (method, params) = (method.clone(), params.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if let Some(chosen) = Method::from_name(&select.value()) {
                method.set(chosen);
                if let Some(example) = REFERENCE.iter().find(|e| e.method == chosen) {
                    params.set(example.params.to_owned());
                }
            }
        })
    };
    let oninput = {
        let params = params.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                params.set(area.value());
            }
        })
    };
    let oncall = {
        let (method, params, outcome) = (method.clone(), params.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| outcome.set(Some(call_with_json(*method, &params))))
    };

    // The answer is brought into view when it changes: at 768 px tall it falls below the fold.
    let answer_ref = use_node_ref();
    {
        let answer_ref = answer_ref.clone();
        use_effect_with((*outcome).clone(), move |outcome| {
            if let (Some(_), Some(answer)) = (outcome, answer_ref.cast::<web_sys::Element>()) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                answer.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    let style = use_style(style());
    let result = outcome.as_ref().map(|outcome| {
        let (ok, text) = match outcome {
            CallOutcome::Accepted(id) => (true, format!("returned \"{id}\"")),
            CallOutcome::Rejected(message) => (false, format!("returned false · {message}")),
            CallOutcome::InvalidJson(message) => (false, format!("not valid JSON: {message}")),
        };
        html! { <output class="pg-result" data-ok={ok.to_string()} for="pg-params">{ text }</output> }
    });
    html! {
        <div class={classes!("an-playground", style)}>
            <label for="pg-method">{ "Method" }</label>
            <select id="pg-method" onchange={onmethod}>
                { for Method::ALL.iter().map(|m| html! {
                    <option value={m.name()} selected={*m == *method}>{ m.name() }</option>
                }) }
            </select>
            <label for="pg-params">{ "Parameters (JSON)" }</label>
            <textarea id="pg-params" spellcheck="false" value={(*params).clone()} {oninput} />
            <div class="pg-row">
                <button type="button" class="pg-call" onclick={oncall}>{ "Call" }</button>
                <code class="pg-code">{ format!("AMOCRM.notifications.{}(params)", method.name()) }</code>
            </div>
            // A live region that is there before the first answer, so each answer is announced.
            <div ref={answer_ref} class="pg-answer" role="status" aria-live="polite">
                { result.unwrap_or_default() }
            </div>
        </div>
    }
}

/// (demo) The playground: a method, its parameters as JSON, and the answer. Scoped by stylist to
/// the component's root, which keeps its `an-playground` class for hosts' style sheets and the
/// tests.
fn style() -> StyleSource {
    css!(
        r#"
        display: flex; flex-direction: column; gap: 12px;
        label { font-weight: 600; font-size: 13px; color: var(--an-text-muted); }
        select, textarea {
            width: 100%; border: 1px solid var(--an-border); border-radius: 10px;
            background: var(--an-surface); padding: 9px 12px;
        }
        textarea {
            min-height: 220px; resize: vertical; font: 13px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
            background: var(--an-surface-muted);
        }
        .pg-row { display: flex; gap: 10px; align-items: center; }
        .pg-call {
            border: 0; border-radius: 10px; padding: 10px 18px; cursor: pointer; font-weight: 600;
            background: var(--an-accent); color: var(--an-accent-text);
        }
        .pg-call:hover { filter: brightness(1.08); }
        .pg-code { color: var(--an-text-muted); font: 12px ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; min-width: 0; }
        .pg-answer { display: flex; flex-direction: column; }
        .pg-result { border-radius: 10px; padding: 10px 12px; font: 13px ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        .pg-result[data-ok="true"] { background: color-mix(in srgb, var(--an-success) 12%, transparent); color: color-mix(in srgb, var(--an-success) 65%, var(--an-text)); }
        .pg-result[data-ok="false"] { background: color-mix(in srgb, var(--an-error) 10%, transparent); color: color-mix(in srgb, var(--an-error) 70%, var(--an-text)); }
        "#
    )
}
