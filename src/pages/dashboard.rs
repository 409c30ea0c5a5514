//! The demo dashboard: a button for every example of the reference and of the field notes, each
//! firing exactly that payload through the API, and the playground.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::playground::Playground;
use crate::api::call_with_json;
use crate::sample_calls::{Example, FIELD_NOTES, REFERENCE};
use crate::store::use_notifications;

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
    let style = use_style(style());
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
        <div class={classes!("an-dashboard", style)}>
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

/// (demo) The dashboard: the counters, the reference examples and the playground. Scoped by stylist
/// to the component's root, which keeps its `an-dashboard` class for hosts' style sheets and the
/// tests.
fn style() -> StyleSource {
    css!(
        r#"
        h1 { margin: 0 0 4px; font-size: 24px; }
        .db-lead { margin: 0 0 24px; color: var(--an-text-muted); max-width: 760px; line-height: 1.5; }
        .db-lead code { background: var(--an-surface); padding: 1px 6px; border-radius: 6px; border: 1px solid var(--an-border); }
        .db-stats { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; margin-bottom: 20px; }
        .db-stat { background: var(--an-surface); border: 1px solid var(--an-border); border-radius: var(--an-radius); padding: 16px 18px; }
        .db-stat b { display: block; font-size: 26px; margin-top: 4px; }
        .db-stat span { color: var(--an-text-muted); font-size: 13px; }
        .db-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; align-items: start; }
        .db-card { background: var(--an-surface); border: 1px solid var(--an-border); border-radius: var(--an-radius); padding: 20px; }
        .db-card h2 { margin: 0 0 4px; font-size: 16px; }
        .db-card > p { margin: 0 0 16px; color: var(--an-text-muted); font-size: 13px; }
        .db-examples { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; }
        .db-example {
            display: flex; flex-direction: column; align-items: flex-start; gap: 2px; text-align: left;
            padding: 12px 14px; border-radius: 10px; cursor: pointer;
            border: 1px solid var(--an-border); background: var(--an-surface-muted);
        }
        .db-example:hover { border-color: var(--an-accent); background: var(--an-surface-hover); }
        .db-example b { font-weight: 600; }
        .db-example code { font-size: 12px; color: var(--an-text-muted); overflow-wrap: anywhere; }
        .db-stack { display: flex; flex-direction: column; gap: 20px; }
        @media (max-width: 1100px) { .db-grid { grid-template-columns: minmax(0, 1fr); } }
        @media (max-width: 560px) {
            .db-examples { grid-template-columns: 1fr; }
            .db-stats { gap: 8px; }
            .db-stat { padding: 12px; }
        }
        "#
    )
}
