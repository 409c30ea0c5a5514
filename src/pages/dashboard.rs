//! The demo dashboard: a button for every example of the reference and of the field notes, each
//! firing exactly that payload through the API, and the playground.

use yew::prelude::*;

use super::playground::Playground;
use crate::api::call_with_json;
use crate::examples::{Example, FIELD_NOTES, REFERENCE};
use crate::sheet::{sheet, Sheet};
use crate::store::use_notifications;

static SHEET: Sheet = sheet!("pages/dashboard.css");

#[component]
pub fn Dashboard() -> Html {
    let store = use_notifications();
    let (total, unread, showing, waiting) = {
        let model = store.model();
        (
            model.center.len(),
            model.center.unread(),
            model.popups.visible().len(),
            model.popups.waiting(),
        )
    };
    SHEET.attach();
    let buttons = |examples: &'static [Example]| -> Html {
        examples
            .iter()
            .map(|example| {
                let onclick = Callback::from(move |_: MouseEvent| {
                    call_with_json(example.method, example.params);
                });
                html! {
                    <button type="button" class="db-example" {onclick} data-method={example.method.name()}>
                        <b>{ example.label }</b>
                        <code>{ format!("{}()", example.method.name()) }</code>
                    </button>
                }
            })
            .collect()
    };
    html! {
        <div class="an-dashboard">
            <h1>{ "Notifications API" }</h1>
            <p class="db-lead">
                { "Widgets call " }<code>{ "AMOCRM.notifications" }</code>{ " (or " }<code>{ "APP.notifications" }</code>
                { "). Try the reference's examples below, edit a payload in the playground, or call the API from the browser console." }
            </p>
            <div class="db-stats">
                <div class="db-stat"><span>{ "In the center" }</span><b>{ total }</b></div>
                <div class="db-stat"><span>{ "Unread" }</span><b>{ unread }</b></div>
                <div class="db-stat">
                    <span>{ "Pop-ups on screen" }</span>
                    <b>{ showing }</b>
                    if waiting > 0 { <span>{ format!("{waiting} waiting") }</span> }
                </div>
            </div>
            <div class="db-grid">
                <div class="db-stack">
                    <section class="db-card" aria-labelledby="db-reference">
                        <h2 id="db-reference">{ "Reference examples" }</h2>
                        <p>{ "Each button fires exactly the payload from the API reference." }</p>
                        <div class="db-examples">{ buttons(REFERENCE) }</div>
                    </section>
                    <section class="db-card" aria-labelledby="db-field-notes">
                        <h2 id="db-field-notes">{ "Shapes real widgets send" }</h2>
                        <p>{ "Markup, empty headers, timeouts and the extra call fields seen in the wild." }</p>
                        <div class="db-examples">{ buttons(FIELD_NOTES) }</div>
                    </section>
                </div>
                <section class="db-card" aria-labelledby="db-playground">
                    <h2 id="db-playground">{ "Playground" }</h2>
                    <p>{ "The returned id, or the validation error the console shows." }</p>
                    <Playground />
                </section>
            </div>
        </div>
    }
}
