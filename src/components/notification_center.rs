//! The notification center: the bell with its unread counter and the panel of entries behind it.

use stylist::{css, yew::use_style, StyleSource};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::rc::Rc;

use super::center_list::{CenterList, Entries};
use super::entry_detail::EntryDetail;
use super::icons;
use super::status_banner::{BannerPlace, StatusBanner};
use crate::hooks::{follow_click, use_clock, use_connection, use_lang, REVEAL_EVENT};
use crate::notification::time;
use crate::notification::NotificationId;
use crate::store::{use_notifications, use_notifications_dispatch, Action, Filter, Status};

/// The history state's key that marks the entry the open panel added on a phone.
const PANEL_STATE: &str = "amocrmNotifyPanel";

/// The settings page, linked from the panel (a path, so that a host's router can take it).
pub(super) const SETTINGS_PATH: &str = "/settings";

/// Every count the center shows (the bell's badge, the panel's head, the filter tabs): exact up
/// to 99, then "99+", with the exact number in the tooltip and the accessible name. One rule, so
/// the three never show one number three ways ("99+", "999+", "1228").
fn count_label(count: usize) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

#[component]
pub fn NotificationCenter() -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let open = use_state(|| false);
    let filter = use_state_eq(Filter::default);
    // An entry to show and focus, asked for from outside (a system notification's click) or on
    // the way back from reading it in full.
    let reveal = use_state_eq(|| None::<NotificationId>);
    // The entry read in full, in place of the list; closing the panel returns to the list.
    let detail = use_state_eq(|| None::<NotificationId>);
    {
        let detail = detail.clone();
        use_effect_with(*open, move |&open| {
            if !open {
                detail.set(None);
            }
        });
    }
    {
        // Browser Back (or Forward) goes to another page: the panel, which covered the page the
        // person leaves, closes rather than stay over the one they return to.
        let open = open.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo_events::EventListener::new(&gloo_utils::window(), "popstate", move |_| {
                    open.set(false)
                });
            move || drop(listener)
        });
    }
    // On a phone the open panel fills the screen, and Back should close it, not leave the page:
    // opening it there adds a history entry of its own, which Back takes (the popstate above
    // closes the panel) and which closing it another way takes back.
    use_effect_with(*open, |&open| {
        let Ok(history) = gloo_utils::window().history() else {
            return;
        };
        let ours = history
            .state()
            .ok()
            .and_then(|state| js_sys::Reflect::get(&state, &PANEL_STATE.into()).ok())
            .is_some_and(|marked| marked.is_truthy());
        if open && !ours && crate::browser::viewport_width() <= super::popup_stack::DECK_WIDTH {
            let state = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&state, &PANEL_STATE.into(), &true.into());
            let _ = history.push_state(&state, "");
        } else if !open && ours {
            let _ = history.back();
        }
    });
    {
        let (open, filter, reveal) = (open.clone(), filter.clone(), reveal.clone());
        use_effect_with((), move |_| {
            let listener = gloo_events::EventListener::new(
                &gloo_utils::window(),
                REVEAL_EVENT,
                move |event| {
                    let id = event
                        .dyn_ref::<web_sys::CustomEvent>()
                        .and_then(|e| e.detail().as_string());
                    if let Some(id) = id {
                        filter.set(Filter::All);
                        open.set(true);
                        reveal.set(Some(NotificationId::new(id)));
                    }
                },
            );
            move || drop(listener)
        });
    }
    let bell_ref = use_node_ref();
    let panel_ref = use_node_ref();
    let tabs_ref = use_node_ref();
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
    let onbell = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // From the entry read in full back to the list, on that entry.
    let onback = {
        let (detail, reveal) = (detail.clone(), reveal.clone());
        Callback::from(move |()| {
            reveal.set((*detail).clone());
            detail.set(None);
        })
    };
    {
        // While open, Escape anywhere closes the panel first (the innermost open thing), before the
        // pop-ups see it: a capture listener, ahead of theirs. An entry read in full is more
        // inner still: Escape returns from it to the list.
        let (open_now, close) = (*open, close.clone());
        let reading = detail.is_some();
        let close = if reading { onback.clone() } else { close };
        use_effect_with((open_now, reading), move |&(is_open, _)| {
            let listener = is_open.then(|| {
                gloo_events::EventListener::new_with_options(
                    &gloo_utils::window(),
                    "keydown",
                    // Not passive: it cancels the event for the listeners after it.
                    gloo_events::EventListenerOptions {
                        phase: gloo_events::EventListenerPhase::Capture,
                        passive: false,
                    },
                    move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if event.key() == "Escape" && !event.default_prevented() {
                            event.prevent_default();
                            close.emit(());
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }
    let onfocusout = {
        // Focus that leaves the panel for the page behind it (Tab past the last control) closes
        // it: the panel is not modal, and the page is not under it any more.
        let (open, bell_ref, panel_ref) = (open.clone(), bell_ref.clone(), panel_ref.clone());
        Callback::from(move |event: FocusEvent| {
            let Some(to) = event
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            else {
                return;
            };
            let inside = |node: &NodeRef| node.get().is_some_and(|el| el.contains(Some(&to)));
            if !inside(&panel_ref) && !inside(&bell_ref) {
                open.set(false);
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
                    // The first node of the composed path: inside a shadow root (embedded),
                    // `target` would be the host element.
                    let target = event
                        .composed_path()
                        .get(0)
                        .dyn_into::<web_sys::Node>()
                        .ok();
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
                    // Unless an entry took it already (opened on one entry).
                    let active = gloo_utils::document().active_element();
                    if !panel.contains(active.as_ref().map(|a| a.unchecked_ref())) {
                        let _ = panel.focus();
                    }
                }
            }
        });
    }

    let style = use_style(style());

    let filter_now = *filter;
    let (unread, counts, read_in_view) = {
        let model = store.model();
        let center = &model.center;
        let counts = Filter::ALL.map(|f| center.count_of(f));
        let read_in_view = *open && center.read_count_of(filter_now) > 0;
        (center.unread(), counts, read_in_view)
    };
    // The filtered list, made again only when the store or the filter changes (not on a scroll).
    let entries = use_memo(
        ((*store).clone(), filter_now, *open),
        |(store, filter, open)| {
            Entries(Rc::new(if *open {
                store.model().center.view(*filter)
            } else {
                Vec::new()
            }))
        },
    );
    let unread_in_view = entries.iter().any(|e| !e.read);
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
    // Opening an entry marks it read; following its link also closes the panel, which would
    // cover the page it leads to.
    let onopen = {
        let (dispatch, close) = (dispatch.clone(), close.clone());
        Callback::from(move |(id, follows): (NotificationId, bool)| {
            dispatch.emit(Action::SetRead(id, true));
            if follows {
                close.emit(());
            }
        })
    };
    let ontoggle = dispatch.reform(|(id, read)| Action::SetRead(id, read));
    // Reading an entry in full reads it.
    let onexpand = {
        let (dispatch, detail) = (dispatch.clone(), detail.clone());
        Callback::from(move |id: NotificationId| {
            dispatch.emit(Action::SetRead(id.clone(), true));
            detail.set(Some(id));
        })
    };
    let reading = (*detail)
        .as_ref()
        .and_then(|id| store.model().center.get(id).cloned());
    let onremove = dispatch.reform(Action::Remove);
    // The button disables itself: focus stays in the panel instead of falling to the page.
    let keep_focus = {
        let panel_ref = panel_ref.clone();
        move || {
            if let Some(panel) = panel_ref.cast::<web_sys::HtmlElement>() {
                let _ = panel.focus();
            }
        }
    };
    let onmarkall = {
        let (dispatch, keep_focus) = (dispatch.clone(), keep_focus.clone());
        Callback::from(move |_: MouseEvent| {
            keep_focus();
            dispatch.emit(Action::MarkAllRead(filter_now));
        })
    };
    let onclearread = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            keep_focus();
            dispatch.emit(Action::ClearRead(filter_now));
        })
    };
    let onsettings = {
        let open = open.clone();
        Callback::from(move |event: MouseEvent| {
            open.set(false);
            let _ = follow_click(
                &event,
                &crate::notification::Link::Internal(SETTINGS_PATH.into()),
            );
        })
    };
    let tabs = Filter::ALL.into_iter().zip(counts).map(|(f, count)| {
        let onclick = {
            let filter = filter.clone();
            Callback::from(move |_: MouseEvent| filter.set(f))
        };
        let selected = f == filter_now;
        html! {
            <button type="button" role="tab" class="an-tab" aria-selected={selected.to_string()}
                    tabindex={if selected { "0" } else { "-1" }}
                    data-filter={f.label()} data-count={count.to_string()} title={format!("{} {count}", lang.filter(f))} {onclick}>
                { lang.filter(f) }<span class="an-tab__count">{ count_label(count) }</span>
            </button>
        }
    });
    // The tabs are one stop for Tab; the arrows (and Home/End) move between them, as ARIA tabs do.
    let ontabkey = {
        let (filter, tabs_ref) = (filter.clone(), tabs_ref.clone());
        Callback::from(move |event: KeyboardEvent| {
            let at = Filter::ALL
                .iter()
                .position(|&f| f == filter_now)
                .unwrap_or(0);
            let last = Filter::ALL.len() - 1;
            let next = match event.key().as_str() {
                "ArrowRight" => {
                    if at == last {
                        0
                    } else {
                        at + 1
                    }
                }
                "ArrowLeft" => {
                    if at == 0 {
                        last
                    } else {
                        at - 1
                    }
                }
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            event.prevent_default();
            filter.set(Filter::ALL[next]);
            // (Yew delegates events, so `current_target` is not the tab list.)
            let tabs = tabs_ref
                .cast::<web_sys::Element>()
                .map(|list| list.children());
            if let Some(tab) = tabs
                .and_then(|tabs| tabs.item(next as u32))
                .and_then(|tab| tab.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = tab.focus();
            }
        })
    };
    let empty = lang.empty(filter_now, counts[0] == 0);

    html! {
        <div class={classes!("an-center", style)}>
            <span class="visually-hidden" role="status" aria-live="polite" data-connection-announcement="">{ announced }</span>
            <button ref={bell_ref} type="button" class="an-bell" aria-label={label.clone()} title={label}
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
                <div ref={panel_ref} id="an-notification-panel" class="an-panel" role="dialog"
                     aria-label={lang.notification_center()} tabindex="-1" {onfocusout}>
                    <div class="an-panel__head">
                        <h2 class="an-panel__title">
                            <span class="an-panel__name">{ lang.notifications() }</span>
                            // "99+" beyond 99, as everywhere, the whole count in its tooltip.
                            if unread > 0 {
                                <small title={lang.unread_count(unread, &unread.to_string())}>
                                    { count_label(unread) }
                                    // "24 новых", on a phone as on a desktop.
                                    <span class="an-panel__word">{ " " }{ lang.unread_word(unread.min(99)) }</span>
                                </small>
                            }
                        </h2>
                        <div class="an-panel__tools">
                            <button type="button" class="an-panel__action" disabled={!unread_in_view} onclick={onmarkall}>
                                { lang.mark_all_read() }
                            </button>
                            // The settings page is the full app's; an embedded center has none.
                            if !crate::host::is_embedded() {
                                <a class="an-panel__settings" href={SETTINGS_PATH} onclick={onsettings}
                                   title={lang.settings_link()}>
                                    <span class="visually-hidden">{ lang.settings_link() }</span>
                                    { icons::settings(18) }
                                </a>
                            }
                        </div>
                    </div>
                    <StatusBanner place={BannerPlace::Center} />
                    if let Some(entry) = reading {
                        <EntryDetail {entry} {now} {onback} onopen={onopen.clone()} ontoggle={ontoggle.clone()}
                                     onremove={onremove.clone()} />
                    } else {
                    <div ref={tabs_ref} class="an-tabs" role="tablist" aria-label={lang.show()} onkeydown={ontabkey}>{ for tabs }</div>
                    if entries.is_empty() {
                        <p class="an-panel__empty">{ empty }</p>
                    } else {
                        // A new list per filter: it starts at the top, on the newest entry.
                        <CenterList key={filter_now.label()} entries={(*entries).clone()} {now} label={lang.list_label()}
                                    reveal={(*reveal).clone()}
                                    {onopen} {ontoggle} {onremove} {onexpand} />
                    }
                    <div class="an-panel__foot">
                        <span>{ lang.shown_of(entries.len(), counts[0]) }</span>
                        <button type="button" class="an-panel__action" disabled={!read_in_view} onclick={onclearread}>
                            { lang.clear_read() }
                        </button>
                    </div>
                    }
                </div>
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
