//! The notification center: the bell with its unread counter and the panel of entries behind it.

use stylist::yew::use_style;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::center_entry::CenterEntry;
use super::icons;
use crate::hooks::use_clock;
use crate::store::{use_notifications, use_notifications_dispatch, Action};

/// Entries rendered in the panel at most, newest first.
pub const PANEL_LIMIT: usize = 200;

/// "99+" beyond 99.
pub fn badge_text(unread: usize) -> String {
    if unread > 99 {
        "99+".into()
    } else {
        unread.to_string()
    }
}

#[component]
pub fn NotificationCenter() -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let open = use_state(|| false);
    let bell_ref = use_node_ref();
    let panel_ref = use_node_ref();
    let now = use_clock(30_000);

    let close = {
        let (open, bell_ref) = (open.clone(), bell_ref.clone());
        Callback::from(move |()| {
            open.set(false);
            if let Some(bell) = bell_ref.cast::<web_sys::HtmlElement>() {
                let _ = bell.focus();
            }
        })
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                // The panel takes this Escape; it does not also close a pop-up.
                event.prevent_default();
                event.stop_propagation();
                close.emit(());
            }
        })
    };
    {
        // A click outside the bell and the panel closes it.
        let (open_now, open) = (*open, open.clone());
        let (bell_ref, panel_ref) = (bell_ref.clone(), panel_ref.clone());
        use_effect_with(open_now, move |&is_open| {
            let listener = is_open.then(|| {
                let document = gloo_utils::document();
                gloo_events::EventListener::new(&document, "mousedown", move |event| {
                    let target = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                    let inside =
                        |node: &NodeRef| node.get().is_some_and(|el| el.contains(target.as_ref()));
                    if !inside(&bell_ref) && !inside(&panel_ref) {
                        open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Opening moves focus into the panel, so the keyboard continues there.
        let panel_ref = panel_ref.clone();
        use_effect_with(*open, move |&is_open| {
            if is_open {
                if let Some(panel) = panel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = panel.focus();
                }
            }
        });
    }

    let style = use_style!(
        r#"
        position: relative;
        .an-bell {
            position: relative; width: 40px; height: 40px; display: grid; place-items: center;
            border: 0; border-radius: 10px; background: transparent; color: var(--an-text); cursor: pointer;
        }
        .an-bell:hover, .an-bell[aria-expanded="true"] { background: var(--an-surface-muted); }
        .an-bell__badge {
            position: absolute; top: 3px; right: 1px; min-width: 18px; height: 18px; padding: 0 5px;
            border-radius: 9px; background: var(--an-badge); color: var(--an-badge-text);
            font: 700 11px/18px var(--an-font); text-align: center; box-shadow: 0 0 0 2px var(--an-surface);
        }
        .an-panel {
            position: absolute; top: calc(100% + 8px); right: 0; z-index: 1000;
            width: min(420px, calc(100vw - 24px)); max-height: min(640px, calc(100vh - 90px));
            display: flex; flex-direction: column;
            background: var(--an-surface); border: 1px solid var(--an-border);
            border-radius: var(--an-radius); box-shadow: var(--an-shadow); overflow: hidden;
            font-family: var(--an-font); font-size: var(--an-font-size);
            animation: an-panel-in 140ms ease-out;
        }
        .an-panel:focus { outline: none; }
        @media (max-width: 560px) {
            .an-panel { position: fixed; top: 64px; left: 8px; right: 8px; width: auto; }
        }
        @keyframes an-panel-in { from { opacity: 0; transform: translateY(-6px); } to { opacity: 1; transform: none; } }
        .an-panel__head {
            display: flex; align-items: center; justify-content: space-between; gap: 12px;
            padding: 14px 16px; border-bottom: 1px solid var(--an-border);
        }
        .an-panel__title { margin: 0; font-size: 16px; font-weight: 650; }
        .an-panel__title small { margin-left: 6px; color: var(--an-text-muted); font-weight: 500; font-size: 13px; }
        .an-panel__action {
            border: 0; background: transparent; color: var(--an-accent); font-weight: 600; cursor: pointer;
            padding: 6px 8px; border-radius: 8px;
        }
        .an-panel__action:hover:not(:disabled) { background: var(--an-surface-hover); }
        .an-panel__action:disabled { color: var(--an-text-muted); cursor: default; }
        .an-panel__list { list-style: none; margin: 0; padding: 6px; overflow-y: auto; }
        .an-panel__empty { padding: 40px 16px; text-align: center; color: var(--an-text-muted); }
        .an-panel__more { padding: 10px 16px; text-align: center; color: var(--an-text-muted); font-size: 12px; }
        "#
    );

    let (unread, total, rows) = {
        let model = store.model();
        let center = &model.center;
        let rows: Vec<_> = if *open {
            center.newest_first().take(PANEL_LIMIT).cloned().collect()
        } else {
            Vec::new()
        };
        (center.unread(), center.len(), rows)
    };
    let label = match unread {
        0 => "Notifications".to_owned(),
        1 => "Notifications, 1 unread".to_owned(),
        n => format!("Notifications, {n} unread"),
    };
    let onopen = dispatch.reform(Action::MarkRead);
    let onmarkall = dispatch.reform(|_: MouseEvent| Action::MarkAllRead);

    html! {
        <div class={style}>
            <button ref={bell_ref} type="button" class="an-bell" aria-label={label}
                    aria-expanded={open.to_string()} aria-controls="an-notification-panel" onclick={ontoggle}>
                { icons::bell(22) }
                if unread > 0 {
                    <span class="an-bell__badge" aria-hidden="true">{ badge_text(unread) }</span>
                }
            </button>
            if *open {
                <div ref={panel_ref} id="an-notification-panel" class="an-panel" role="dialog"
                     aria-label="Notification center" tabindex="-1" {onkeydown}>
                    <div class="an-panel__head">
                        <h2 class="an-panel__title">
                            { "Notifications" }
                            if unread > 0 { <small>{ format!("{unread} unread") }</small> }
                        </h2>
                        <button type="button" class="an-panel__action" disabled={unread == 0} onclick={onmarkall}>
                            { "Mark all as read" }
                        </button>
                    </div>
                    if rows.is_empty() {
                        <p class="an-panel__empty">{ "No notifications yet. Errors and calls from widgets appear here." }</p>
                    } else {
                        <ul class="an-panel__list" aria-label="Notifications, newest first">
                            { for rows.into_iter().map(|entry| html! {
                                <CenterEntry key={entry.notification.id.as_str()}
                                             notification={entry.notification.clone()} read={entry.read}
                                             {now} onopen={onopen.clone()} />
                            }) }
                        </ul>
                        if total > PANEL_LIMIT {
                            <p class="an-panel__more">{ format!("Showing the newest {PANEL_LIMIT} of {total}") }</p>
                        }
                    }
                </div>
            }
        </div>
    }
}
