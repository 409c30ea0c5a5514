//! The corner stack of pop-ups. It renders into `#amocrm-notify-popups`, a region that the page
//! has from load (so screen readers know it before the first pop-up) and that sits above every
//! page and modal; Escape closes the newest pop-up.

use gloo_events::EventListener;
use stylist::yew::use_style;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::popup::Popup;
use crate::hooks::use_clock;
use crate::store::{use_notifications, use_notifications_dispatch, Action};

/// The id of the element the stack renders into; created when the page lacks it.
pub const POPUP_ROOT_ID: &str = "amocrm-notify-popups";

#[component]
pub fn PopupStack() -> Html {
    let lang = crate::hooks::use_lang();
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let now = use_clock(30_000);

    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "keydown", move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if event.key() == "Escape" && !event.default_prevented() {
                        dispatch.emit(Action::DismissNewest);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let style = use_style!(
        r#"
        display: flex; flex-direction: column; justify-content: flex-end;
        .an-popups__more {
            align-self: flex-end; pointer-events: auto;
            margin-top: var(--an-popup-gap); padding: 4px 12px; border-radius: 999px;
            background: var(--an-text); color: var(--an-surface);
            font: 600 12px var(--an-font); box-shadow: var(--an-shadow);
        }
        "#
    );
    let (visible, waiting) = {
        let model = store.model();
        (
            model.popups.visible().to_vec(),
            model.popups.waiting_to_show(now),
        )
    };
    let ondismiss = dispatch.reform(Action::Dismiss);
    let onopen = dispatch.reform(|id| Action::SetRead(id, true));
    // Found (or made) once; a pop-up arriving never searches the document again.
    let root = (*use_memo((), |_| popup_root())).clone();
    let stack = html! {
        <div class={style}>
            if waiting > 0 {
                <div class="an-popups__more">{ lang.more_waiting(waiting) }</div>
            }
            { for visible.into_iter().map(|popup| html! {
                <Popup key={popup.notification.id.as_str()} popup={popup.clone()} {now}
                       ondismiss={ondismiss.clone()} onopen={onopen.clone()} />
            }) }
        </div>
    };
    create_portal(stack, root)
}

fn popup_root() -> web_sys::Element {
    let document = gloo_utils::document();
    // Embedded: the region lives in the shadow root, with everything else of ours.
    let shadow = crate::embed::shadow_root();
    let existing = match &shadow {
        Some(shadow) => shadow.get_element_by_id(POPUP_ROOT_ID),
        None => document.get_element_by_id(POPUP_ROOT_ID),
    };
    if let Some(root) = existing {
        return root;
    }
    let root = document
        .create_element("section")
        .expect("the document can create a <section>");
    root.set_id(POPUP_ROOT_ID);
    let _ = root.set_attribute("aria-label", "Notifications");
    match (&shadow, document.body()) {
        (Some(shadow), _) => {
            let _ = shadow.append_child(&root);
        }
        (None, Some(body)) => {
            let _ = body.append_child(&root);
        }
        (None, None) => {}
    }
    root
}
