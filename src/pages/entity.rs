//! A contact, lead or company page, as a notification's link opens it, with the calls and errors
//! the center holds about that entity.

use yew::prelude::*;

use crate::components::CenterEntry;
use crate::hooks::use_clock;
use crate::notification::EntityKind;
use crate::sheet::{sheet, Sheet};
use crate::store::{use_notifications, use_notifications_dispatch, Action};

static SHEET: Sheet = sheet!("pages/entity.css");

#[derive(Properties, PartialEq)]
pub struct EntityPageProps {
    pub kind: EntityKind,
    pub id: u64,
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
    SHEET.attach();
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    html! {
        <div class="an-entity-page" data-entity={kind.name()} data-entity-id={id.to_string()}>
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
                                             read={entry.read} {now} onopen={dispatch.reform(|(id, _)| Action::SetRead(id, true))} />
                            }) }
                        </ul>
                    }
                </section>
            </div>
        </div>
    }
}
