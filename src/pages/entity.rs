//! A contact, lead or company page, as a notification's link opens it, with the calls and errors
//! the center holds about that entity.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use crate::components::CenterEntry;
use crate::hooks::use_clock;
use crate::notification::EntityKind;
use crate::store::{use_notifications, use_notifications_dispatch, Action, CenterAction};

#[derive(Properties, PartialEq)]
pub struct EntityPageProps {
    pub kind: EntityKind,
    pub id: u64,
}

/// (demo) A lead, contact or company page, where a notification's link leads. Scoped by stylist to
/// the component's root, which keeps its `an-entity-page` class for hosts' style sheets and the
/// tests.
fn style() -> StyleSource {
    css!(
        r#"
        .ep-head { display: flex; align-items: center; gap: 16px; margin-bottom: 24px; }
        .ep-avatar {
            width: 56px; height: 56px; border-radius: 16px; display: grid; place-items: center;
            background: color-mix(in srgb, var(--an-accent) 12%, var(--an-surface)); color: var(--an-accent); font-size: 22px; font-weight: 700;
        }
        .ep-kind { color: var(--an-text-muted); font-size: 13px; text-transform: uppercase; letter-spacing: .06em; }
        h1 { margin: 2px 0 0; font-size: 24px; }
        .ep-grid { display: grid; grid-template-columns: 320px minmax(0, 1fr); gap: 20px; align-items: start; }
        .ep-card { background: var(--an-surface); border: 1px solid var(--an-border); border-radius: var(--an-radius); padding: 20px; }
        .ep-card h2 { margin: 0 0 12px; font-size: 16px; }
        .ep-card > dl { display: grid; grid-template-columns: auto 1fr; gap: 8px 16px; margin: 0; }
        .ep-card > dl dt { color: var(--an-text-muted); }
        .ep-card > dl dd { margin: 0; }
        ul { list-style: none; margin: 0; padding: 0; }
        .ep-empty { color: var(--an-text-muted); margin: 0; }
        @media (max-width: 900px) { .ep-grid { grid-template-columns: 1fr; } }
        "#
    )
}

#[component]
pub fn EntityPage(props: &EntityPageProps) -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let now = use_clock(30_000);
    let (kind, id) = (props.kind, props.id);
    let related: Vec<_> = {
        let model = store.model();
        model
            .center
            .newest_first()
            .filter(|entry| {
                let entity = entry
                    .notification
                    .call
                    .as_ref()
                    .and_then(|call| call.entity.as_ref());
                entity.is_some_and(|e| e.kind == kind && e.id == id)
            })
            .take(50)
            .cloned()
            .collect()
    };
    let name = related
        .iter()
        .find_map(|e| e.notification.call.as_ref()?.entity.as_ref()?.name.clone())
        .unwrap_or_else(|| format!("{} #{id}", kind.label()));
    let style = use_style(style());
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    html! {
        <div class={classes!("an-entity-page", style)} data-entity={kind.name()} data-entity-id={id.to_string()}>
            <div class="ep-head">
                <div class="ep-avatar" aria-hidden="true">{ initials }</div>
                <div>
                    <div class="ep-kind">{ kind.label() }</div>
                    <h1>{ name }</h1>
                </div>
            </div>
            <div class="ep-grid">
                <section class="ep-card">
                    <h2>{ "Details" }</h2>
                    <dl>
                        <dt>{ "ID" }</dt><dd>{ id }</dd>
                        <dt>{ "Type" }</dt><dd>{ kind.label() }</dd>
                        <dt>{ "Responsible" }</dt><dd>{ "Jason Nash" }</dd>
                    </dl>
                </section>
                <section class="ep-card" aria-labelledby="ep-activity">
                    <h2 id="ep-activity">{ "Calls and notifications" }</h2>
                    if related.is_empty() {
                        <p class="ep-empty">{ "Nothing in the notification center about this record yet." }</p>
                    } else {
                        <ul>
                            { for related.into_iter().map(|entry| html! {
                                <CenterEntry key={entry.notification.id.as_str()} notification={entry.notification.clone()}
                                             read={entry.read} {now} onopen={dispatch.reform(|(id, _)| Action::Center(CenterAction::SetRead(id, true)))} />
                            }) }
                        </ul>
                    }
                </section>
            </div>
        </div>
    }
}
