//! The notification center: the bell with its unread counter and the connection's mark, and the
//! panel behind it (`center_panel.rs`) while it is open. The style of both is here.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::center_panel::CenterPanel;
use super::icons;
use crate::hooks::{use_clock, use_connection, use_lang};
use crate::i18n::Words;
use crate::notification::time;
use crate::notification::NotificationId;
use crate::store::{use_notifications, use_notifications_dispatch, CenterAction, Filter, Status};

/// The settings page, linked from the panel (a path, so that a host's router can take it).
pub(super) const SETTINGS_PATH: &str = "/settings";

/// Every count the center shows (the bell's badge, the panel's head, the filter tabs): exact up
/// to 99, then "99+", with the exact number in the tooltip and the accessible name. One rule, so
/// the three never show one number three ways ("99+", "999+", "1228").
pub(super) fn count_label(count: usize) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

#[component]
pub fn NotificationCenter() -> Html {
    let store = use_notifications();
    let open = use_state(|| false);
    let filter = use_state_eq(Filter::default);
    // An entry to show and focus, asked for from outside (a system notification's click).
    let reveal = use_state_eq(|| None::<NotificationId>);
    // Back closes the panel; on a phone the open panel takes a history entry of its own.
    crate::hooks::use_back_closes(
        open.clone(),
        crate::browser::viewport_width() <= super::popup_stack::DECK_WIDTH,
    );
    // A system or push notification's click asks the store to open the center on its entry;
    // the request waits there until the center, mounted now or later, has the entry and takes it
    // (a pushed entry may come with the server's history, after the page loaded).
    {
        let (open, filter, reveal) = (open.clone(), filter.clone(), reveal.clone());
        let dispatch = use_notifications_dispatch();
        let asked = {
            let center = &store.model().center;
            center.reveal.clone().filter(|id| center.get(id).is_some())
        };
        use_effect_with(asked, move |asked| {
            if let Some(id) = asked {
                filter.set(Filter::All);
                open.set(true);
                reveal.set(Some(id.clone()));
                dispatch.emit(CenterAction::Revealed.into());
            }
        });
    }
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
    // Closed without taking focus to the bell: focus went elsewhere, or a link was followed.
    let leave = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    let onbell = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // A press outside the bell and the panel closes it.
    crate::hooks::use_press_outside(*open, [bell_ref.clone(), panel_ref.clone()], leave.clone());
    let style = use_style(style());
    let unread = store.model().center.unread();
    let lang = use_lang();
    let connection = use_connection();
    // What the closed center says of the connection, politely and once per change of state: the
    // state alone, not its count of waiting changes (which would speak again at each change).
    // Signed out is the pop-ups' banner's to announce, and an open center's header says it all.
    let announced = match connection {
        Status::Offline { .. } if !*open => {
            lang.connection(Status::Offline { waiting: 0 }, time::local_clock)
        }
        Status::Reconnecting { .. } if !*open => {
            lang.connection(Status::Reconnecting { waiting: 0 }, time::local_clock)
        }
        _ => String::new(),
    };
    let label = match connection {
        Status::Clear => lang.bell_label(unread),
        status => format!(
            "{}. {}",
            lang.bell_label(unread),
            lang.connection(status, time::local_clock)
        ),
    };
    let onfilter = {
        let filter = filter.clone();
        Callback::from(move |f: Filter| filter.set(f))
    };
    html! {
        <div class={classes!("an-center", style)}>
            <span class="visually-hidden" role="status" aria-live="polite" data-connection-announcement="">{ announced }</span>
            <button ref={bell_ref.clone()} type="button" class="an-bell" aria-label={label.clone()} title={label}
                    aria-expanded={open.to_string()} aria-controls="an-notification-panel" onclick={onbell}>
                { icons::bell(22) }
                if unread > 0 {
                    <span class="an-bell__badge" aria-hidden="true">{ count_label(unread) }</span>
                }
                if connection != Status::Clear {
                    <span class="an-bell__mark" aria-hidden="true"
                          data-state={if connection.needs_action() { "signed-out" } else { "away" }}>{ "!" }</span>
                }
            </button>
            if *open {
                <CenterPanel {panel_ref} {bell_ref} filter={*filter} {onfilter} reveal={(*reveal).clone()}
                             {now} onclose={close} onleave={leave} />
            }
        </div>
    }
}

/// The bell and the center's panel: head, tabs, list and foot. Scoped by stylist to the component's
/// root, which keeps its `an-center` class for hosts' style sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        position: relative;
        .an-bell {
            position: relative; width: 40px; height: 40px; display: grid; place-items: center;
            border: 0; border-radius: 10px; background: transparent; cursor: pointer;
            color: var(--an-bell-color, currentColor);
        }
        .an-bell:hover, .an-bell[aria-expanded="true"] { background: color-mix(in srgb, currentColor 12%, transparent); }
        .an-bell:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
        /* Over the bell's top-right corner, leaving the glyph in sight even at "99+". */
        .an-bell__badge {
            position: absolute; top: -2px; left: 24px; min-width: 16px; height: 16px; padding: 0 4px;
            border-radius: 8px; background: var(--an-badge); color: var(--an-badge-text);
            font: 700 10px/16px var(--an-font); text-align: center; box-shadow: 0 0 0 2px var(--an-surface);
        }
        /* The connection's mark: a small ring at the bell's foot while the server is out of reach. */
        /* Where the connection stands, at a glance: a 14 px mark with "!" on the bell's corner, amber
           while offline or reconnecting, the accent when signed out; named by the bell's tooltip and
           accessible name. */
        .an-bell__mark {
            position: absolute; bottom: 2px; right: 2px; width: 14px; height: 14px; border-radius: 50%;
            display: grid; place-items: center; font: 800 10px/1 var(--an-font); color: #fff;
            background: light-dark(#b45309, #d97706); box-shadow: 0 0 0 2px var(--an-surface);
        }
        .an-bell__mark[data-state="signed-out"] { background: var(--an-accent); }
        .an-panel {
            /* Above the pop-ups: an open center is what the person is looking at. */
            position: absolute; top: calc(100% + 8px); right: 0; z-index: calc(var(--an-z) + 1);
            width: min(440px, calc(100vw - 24px)); max-height: min(640px, calc(100vh - 90px));
            display: flex; flex-direction: column;
            background: var(--an-surface); color: var(--an-text); border: 1px solid var(--an-border);
            border-radius: var(--an-radius); box-shadow: var(--an-shadow); overflow: hidden;
            font-family: var(--an-font); font-size: var(--an-font-size);
            animation: an-panel-in 140ms ease-out;
        }
        .an-panel:focus { outline: none; }
        @media (max-width: 560px) {
            .an-panel { position: fixed; top: 64px; left: 8px; right: 8px; width: auto; }
            .an-panel .an-panel__head { padding-inline: 12px 6px; gap: 4px; }
            /* "Уведомления 99+ новых", "Прочитать все" and the gear on one line at 390 px. */
            .an-panel .an-panel__title { font-size: 15px; gap: 4px; }
            .an-panel .an-panel__title small { font-size: 12px; }
            .an-panel .an-panel__head .an-panel__action { padding-inline: 5px; font-size: 13px; }
        }
        .an-panel__head {
            display: flex; align-items: center; justify-content: space-between; gap: 8px;
            padding: 14px 16px; border-bottom: 1px solid var(--an-border);
        }
        .an-panel__title {
            margin: 0; font-size: 16px; font-weight: 650; white-space: nowrap; flex: 1 1 auto; min-width: 0;
            display: flex; align-items: baseline; gap: 6px;
        }
        .an-panel__name { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
        .an-panel__title small { flex: none; color: var(--an-text-muted); font-weight: 500; font-size: 13px; }
        .an-panel a:focus-visible, .an-panel button:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 1px; }
        .an-panel__action {
            border: 0; background: transparent; color: var(--an-accent); font-weight: 600; cursor: pointer;
            padding: 6px 8px; border-radius: 8px;
        }
        .an-panel__action:hover:not(:disabled) { background: var(--an-surface-hover); }
        .an-panel__action:disabled { color: var(--an-text-muted); cursor: default; }
        .an-panel__tools { display: flex; align-items: center; gap: 2px; flex: none; margin-inline-start: auto; }
        .an-panel__action { white-space: nowrap; }
        .an-panel__settings {
            width: 32px; height: 32px; display: grid; place-items: center; border-radius: 8px;
            color: var(--an-text-muted);
        }
        .an-panel__settings:hover { background: var(--an-surface-hover); color: var(--an-text); }
        .an-tabs { display: flex; flex-wrap: wrap; gap: 4px; padding: 8px 10px; border-bottom: 1px solid var(--an-border); }
        .an-tab {
            display: inline-flex; align-items: center; gap: 6px; padding: 5px 10px; border: 0;
            border-radius: 999px; background: transparent; color: var(--an-text-muted);
            font: 600 13px var(--an-font); cursor: pointer;
        }
        .an-tab:hover { background: var(--an-surface-hover); color: var(--an-text); }
        .an-tab[aria-selected="true"] { background: var(--an-accent); color: var(--an-accent-text); }
        .an-tab__count { font-weight: 500; opacity: .8; font-variant-numeric: tabular-nums; }
        .an-tab { white-space: nowrap; }
        /* On a phone the four tabs keep to one line ("Все 99+ Новые 99+ Ошибки 99+ Звонки 0"):
           tighter, and scrolled sideways rather than wrapped if a language needs more. */
        @media (max-width: 600px) {
            .an-tabs { flex: none; flex-wrap: nowrap; overflow-x: auto; scrollbar-width: none; gap: 0; padding: 8px 4px; }
            .an-tab { padding: 5px 6px; gap: 3px; flex: none; font-size: 12.5px; }
        }
        .an-panel__empty { padding: 40px 16px; text-align: center; color: var(--an-text-muted); margin: 0; }
        .an-panel__foot {
            display: flex; justify-content: space-between; align-items: center; gap: 8px;
            padding: 6px 10px; border-top: 1px solid var(--an-border); font-size: 12px; color: var(--an-text-muted);
        }
        @keyframes an-panel-in { from { opacity: 0; transform: translateY(-6px); } to { opacity: 1; transform: none; } }
        "#
    )
}
