//! How an open panel (the center) takes focus and closes, as the page around it expects: focus
//! goes into it as it opens; it closes on Escape anywhere first (ahead of the pop-ups), a press
//! outside it, focus leaving it for the page, and browser Back; on a phone, where the panel fills
//! the screen, it takes a history entry of its own so that Back closes it and stays on the page.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The history state's key that marks the entry an open panel added on a phone.
const PANEL_STATE: &str = "amocrmNotifyPanel";

/// While `open`, Escape anywhere calls `on_escape` before any other listener sees it (a capture
/// listener, which cancels the event for those after it). `innermost` re-registers it when what
/// Escape means changes (an entry read in full returns to the list first).
#[hook]
pub(crate) fn use_escape(open: bool, innermost: bool, on_escape: Callback<()>) {
    use_effect_with((open, innermost), move |&(open, _)| {
        let listener = open.then(|| {
            gloo_events::EventListener::new_with_options(
                &gloo_utils::window(),
                "keydown",
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
                        on_escape.emit(());
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// While `open`, a press outside every one of `inside` calls `on_outside`. The first node of the
/// composed path is what was pressed: inside a shadow root (the embed), `target` is the host.
#[hook]
pub(crate) fn use_press_outside(open: bool, inside: [NodeRef; 2], on_outside: Callback<()>) {
    use_effect_with(open, move |&open| {
        let listener = open.then(|| {
            gloo_events::EventListener::new(&gloo_utils::document(), "mousedown", move |event| {
                let target = event
                    .composed_path()
                    .get(0)
                    .dyn_into::<web_sys::Node>()
                    .ok();
                let within =
                    |node: &NodeRef| node.get().is_some_and(|el| el.contains(target.as_ref()));
                if !inside.iter().any(within) {
                    on_outside.emit(());
                }
            })
        });
        move || drop(listener)
    });
}

/// Browser Back (or Forward) closes the panel (`open` set to false) rather than leave it over the
/// page the person returns to. On a phone (`phone` true when opened) the open panel adds a history
/// entry, which Back takes; closing it another way takes that entry back.
#[hook]
pub(crate) fn use_back_closes(open: UseStateHandle<bool>, phone: bool) {
    {
        let open = open.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo_events::EventListener::new(&gloo_utils::window(), "popstate", move |_| {
                    open.set(false)
                });
            move || drop(listener)
        });
    }
    use_effect_with(*open, move |&open| {
        let Ok(history) = gloo_utils::window().history() else {
            return;
        };
        let ours = history
            .state()
            .ok()
            .and_then(|state| js_sys::Reflect::get(&state, &PANEL_STATE.into()).ok())
            .is_some_and(|marked| marked.is_truthy());
        if open && !ours && phone {
            let state = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&state, &PANEL_STATE.into(), &true.into());
            let _ = history.push_state(&state, "");
        } else if !open && ours {
            let _ = history.back();
        }
    });
}

/// Moves focus into `panel` once it is mounted, so the keyboard continues there (unless something
/// in it took focus already: opened on one entry).
#[hook]
pub(crate) fn use_focus_into(panel: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(panel) = panel.cast::<web_sys::HtmlElement>() {
            let active = gloo_utils::document().active_element();
            if !panel.contains(active.as_ref().map(|a| a.unchecked_ref())) {
                let _ = panel.focus();
            }
        }
    });
}

/// A `focusout` handler that calls `on_leave` when focus goes to the page outside all of `inside`
/// (Tab past the last control): the panel is not modal, and the page is not under it any more.
pub(crate) fn on_focus_leaving(
    inside: [NodeRef; 2],
    on_leave: Callback<()>,
) -> Callback<FocusEvent> {
    Callback::from(move |event: FocusEvent| {
        let Some(to) = event
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        else {
            return;
        };
        let within = |node: &NodeRef| node.get().is_some_and(|el| el.contains(Some(&to)));
        if !inside.iter().any(within) {
            on_leave.emit(());
        }
    })
}
