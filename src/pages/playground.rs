//! Choose a method, edit its JSON parameters, call it, see the id it returned or why it refused.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::{call_with_json, CallOutcome};
use crate::examples::REFERENCE;
use crate::notification::Method;
use crate::sheet::{sheet, Sheet};

static SHEET: Sheet = sheet!("pages/playground.css");

#[component]
pub fn Playground() -> Html {
    let method = use_state(|| Method::ShowMessage);
    let params = use_state(|| REFERENCE[0].params.to_owned());
    let outcome = use_state(|| None::<CallOutcome>);

    let onmethod = {
        let (method, params) = (method.clone(), params.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
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

    SHEET.attach();
    let result = outcome.as_ref().map(|outcome| {
        let (ok, text) = match outcome {
            CallOutcome::Accepted(id) => (true, format!("returned \"{id}\"")),
            CallOutcome::Rejected(message) => (false, format!("returned false · {message}")),
            CallOutcome::InvalidJson(message) => (false, format!("not valid JSON: {message}")),
        };
        html! { <output class="pg-result" data-ok={ok.to_string()} for="pg-params">{ text }</output> }
    });
    html! {
        <div class="an-playground">
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
            { result.unwrap_or_default() }
        </div>
    }
}
