//! The corner stack of pop-ups. It renders into `#amocrm-notify-popups`, a region that the page
//! has from load (so screen readers know it before the first pop-up) and that sits above every
//! page and modal.
//!
//! The stack never grows past the room the region has: after each render it measures its pop-ups
//! and tells the store how many of the newest fit ([`PopupAction::SetRoom`]); the rest wait behind
//! the "+N more" button, next to "Dismiss all". The button expands the stack: every pop-up, in a
//! column that scrolls, their countdowns held, until "Show fewer". On a narrow screen (a phone)
//! the stack is a deck: the newest in front, the edges of the waiting ones peeking above it, and a
//! tap on them expands it. Escape collapses an expanded stack, else closes the newest pop-up, unless
//! it was typed in a text field or something nearer (the open center) took it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_events::EventListener;
use stylist::{css, yew::use_style, StyleSource};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::popup::Popup;
use super::status_banner::{BannerPlace, StatusBanner};
use crate::hooks::use_clock;
use crate::host::Host;
use crate::i18n::{Label, Words};
use crate::store::{
    use_notifications, use_notifications_dispatch, Action, CenterAction, PopupAction,
};

/// The id of the element the stack renders into; created when the page lacks it.
pub const POPUP_ROOT_ID: &str = "amocrm-notify-popups";

/// The height kept for the bar with "+N more" and "Dismiss all", in CSS pixels.
const BAR_ROOM: f64 = 40.0;

/// At this viewport width and below (CSS pixels) the stack is a deck of one: a phone.
pub(super) const DECK_WIDTH: f64 = 600.0;

#[component]
pub fn PopupStack() -> Html {
    let lang = crate::hooks::use_lang();
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let now = use_clock(30_000);
    // Bumped when the window changes size: the room is measured again.
    let resized = use_state(|| 0u32);
    // Each pop-up's height when it was last on screen (with its gap), by id.
    let heights = use_mut_ref(HashMap::<String, f64>::new);

    // Found (or made) once; a pop-up arriving never searches the document again.
    let host = crate::host::use_host();
    let root = (*use_memo(host, popup_root)).clone();
    {
        let (dispatch, resized, root) = (dispatch.clone(), resized.clone(), root.clone());
        use_effect_with((), move |_| {
            let window = gloo_utils::window();
            let keys = on_escape(&window, root, dispatch);
            let resize = EventListener::new(&window, "resize", move |_| {
                resized.set((*resized).wrapping_add(1));
            });
            move || drop((keys, resize))
        });
    }

    {
        // The region's name follows the interface language.
        let root = root.clone();
        use_effect_with(lang, move |lang| {
            let _ = root.set_attribute("aria-label", lang.label(Label::Notifications));
        });
    }
    // After a render: the pop-up that would come back next, while a measurement is due.
    let due = use_mut_ref(|| None::<Option<String>>);
    {
        // How many of the newest fit? Measured in the next frame, where the browser lays the page
        // out anyway: measuring right after the render forced a layout of its own, on the path to
        // the first pop-up's paint. A change of room renders again before that frame is painted.
        let (root, store, dispatch, heights, due) = (
            root.clone(),
            store.clone(),
            dispatch.clone(),
            heights.clone(),
            due.clone(),
        );
        use_effect(move || {
            let next = store.model().popups.newest_waiting_id();
            if due.replace(Some(next)).is_none() {
                crate::browser::before_next_frame(move || {
                    let Some(next) = due.take() else { return };
                    if let Some(room) = measure_room(&root, &heights, next.as_deref()) {
                        dispatch.emit(Action::Popups(PopupAction::SetRoom(room)));
                    }
                });
            }
        });
    }

    {
        // Focus that waits on the region for the next pop-up (the phone's deck) goes to it.
        let root = root.clone();
        use_effect(move || super::focus::focus_waiting_next(&root));
    }

    let style = use_style(style());
    let (expanded, shown, waiting) = {
        let popups = &store.model().popups;
        let expanded = popups.is_expanded();
        let shown = if expanded {
            popups.all()
        } else {
            popups.visible().to_vec()
        };
        (expanded, shown, popups.waiting())
    };
    let ondismiss = dispatch.reform(|id| Action::Popups(PopupAction::Dismiss(id)));
    let onopen = dispatch.reform(|id| Action::Center(CenterAction::SetRead(id, true)));
    let ondismissall = {
        let (dispatch, root) = (dispatch.clone(), root.clone());
        Callback::from(move |_: MouseEvent| {
            // Focus would fall to the page with the button: it goes to the bell instead.
            super::focus::focus_after_stack(&root);
            dispatch.emit(Action::Popups(PopupAction::DismissAll));
        })
    };
    let onexpand =
        dispatch.reform(move |_: MouseEvent| Action::Popups(PopupAction::Expand(!expanded)));
    // One fully keyed list (the banner and the bar too): with an unkeyed child among them, Yew makes every
    // pop-up anew when the newest closes (their entrance animation replays, focus in them is lost).
    let bar = (shown.len() + waiting > 1).then(|| {
        let more = if expanded {
            lang.label(Label::ShowFewer).to_owned()
        } else {
            lang.more_waiting(waiting)
        };
        html! {
            <div key="an-popups-bar" class="an-popups__bar">
                if waiting > 0 {
                    <button type="button" class="an-popups__more" aria-expanded={expanded.to_string()}
                            onclick={onexpand.clone()}>
                        { more }
                    </button>
                }
                <button type="button" class="an-popups__dismiss" onclick={ondismissall}>
                    { lang.label(Label::DismissAll) }
                </button>
            </div>
        }
    });
    // On a phone, the edges of the waiting pop-ups peek above the one in front (CSS shows them only
    // on a narrow screen); a tap on them expands the deck.
    let peek = (!expanded && waiting > 0).then(|| {
        html! {
            <div key="an-popups-peek" class="an-popups__peek" aria-hidden="true" onclick={onexpand.clone()}>
                <span></span>
                if waiting > 1 { <span></span> }
            </div>
        }
    });
    let popups = shown.into_iter().map(|popup| {
        html! {
            <Popup key={popup.notification.id.as_str()} popup={popup.clone()} {now} held={expanded}
                   ondismiss={ondismiss.clone()} onopen={onopen.clone()} />
        }
    });
    // The banner across the top when the person must act: keyed too, in the same list.
    let banner = html! { <StatusBanner key="an-popups-banner" place={BannerPlace::Popups} /> };
    let stack = html! {
        <div class={classes!("an-popups", style)} data-expanded={expanded.then_some("true")}>
            { for std::iter::once(banner).chain(bar).chain(peek).chain(popups) }
        </div>
    };
    create_portal(stack, root)
}

/// Escape on the page (not typed in a field, not taken by the center first): collapses the
/// expanded stack, else closes the newest pop-up (focus in it moves on first).
fn on_escape(
    window: &web_sys::Window,
    root: web_sys::Element,
    dispatch: Callback<Action>,
) -> EventListener {
    EventListener::new(window, "keydown", move |event| {
        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if event.key() == "Escape" && !event.default_prevented() && !typed_in_field(event) {
            if shows_expanded(&root) {
                dispatch.emit(Action::Popups(PopupAction::Expand(false)));
                return;
            }
            // The newest closes; if focus was in it, it moves on first.
            if let Some(newest) = root.query_selector("[data-id]:last-of-type").ok().flatten() {
                if newest.matches(":focus-within").unwrap_or(false) {
                    super::focus::focus_neighbour(&newest);
                }
            }
            dispatch.emit(Action::Popups(PopupAction::DismissNewest));
        }
    })
}

/// Whether an Escape was typed in a text field (the field's to handle, not the stack's).
fn typed_in_field(event: &KeyboardEvent) -> bool {
    let target = event
        .composed_path()
        .get(0)
        .dyn_into::<web_sys::HtmlElement>()
        .ok();
    target.is_some_and(|element| {
        element.is_content_editable()
            || matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
    })
}

/// How many of the newest pop-ups fit in the region, when that differs from how many show.
/// `next` is the one that would come back if there were room; its height is known from when it
/// was last on screen (else the tallest known is assumed), so the room settles instead of
/// flickering between two answers.
fn measure_room(
    root: &web_sys::Element,
    heights: &Rc<RefCell<HashMap<String, f64>>>,
    next: Option<&str>,
) -> Option<usize> {
    let shown = root.query_selector_all("[data-id]").ok()?;
    let count = shown.length() as usize;
    if count == 0 || shows_expanded(root) {
        return None;
    }
    if crate::browser::viewport_width() <= DECK_WIDTH {
        // A deck of one: the newest in front, the rest behind the "+N more" button.
        return (count != 1).then_some(1);
    }
    let region = computed_style(root)?;
    let px = |name: &str| css_px(&region, name);
    // The region grows with its content up to its max-height (the room below the top bar): that
    // is the room, not its height now.
    let inner_height = gloo_utils::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let max_height = match px("max-height") {
        h if h > 0.0 => h.min(inner_height),
        _ => inner_height,
    };
    let available = max_height - px("padding-top") - px("padding-bottom") - BAR_ROOM;
    let mut heights = heights.borrow_mut();
    let mut newest_first = Vec::with_capacity(count);
    let mut shown_ids = Vec::with_capacity(count);
    for index in (0..count).rev() {
        let Some(element) = shown
            .item(index as u32)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let margin = computed_style(&element).map_or(0.0, |style| css_px(&style, "margin-top"));
        let height = f64::from(element.offset_height()) + margin;
        if let Some(id) = element.get_attribute("data-id") {
            heights.insert(id.clone(), height);
            shown_ids.push(id);
        }
        newest_first.push(height);
    }
    // Kept for pop-ups that step back and return; bounded, however many a session sees.
    if heights.len() > 64 {
        heights.retain(|id, _| shown_ids.contains(id));
    }
    // The newest always shows, however tall.
    let mut used = newest_first[0];
    let mut fit = 1;
    for height in &newest_first[1..] {
        used += height;
        if used > available {
            break;
        }
        fit += 1;
    }
    if fit < count {
        return Some(fit);
    }
    let next_height = next.map(|id| {
        heights
            .get(id)
            .copied()
            .unwrap_or_else(|| newest_first.iter().copied().fold(0.0, f64::max))
    })?;
    (used + next_height <= available).then_some(count + 1)
}

/// Whether the stack on screen is expanded (its room is not measured then; Escape collapses it).
fn shows_expanded(root: &web_sys::Element) -> bool {
    matches!(root.query_selector("[data-expanded]"), Ok(Some(_)))
}

fn computed_style(element: &web_sys::Element) -> Option<web_sys::CssStyleDeclaration> {
    gloo_utils::window()
        .get_computed_style(element)
        .ok()
        .flatten()
}

/// A computed length, in CSS pixels; 0 when it is not one (`none`, `auto`).
fn css_px(style: &web_sys::CssStyleDeclaration, name: &str) -> f64 {
    style
        .get_property_value(name)
        .ok()
        .and_then(|value| crate::browser::css_pixels(&value))
        .unwrap_or(0.0)
}

fn popup_root(host: &Host) -> web_sys::Element {
    let document = gloo_utils::document();
    // Embedded: the region lives in the shadow root, with everything else of ours.
    let shadow = host.shadow.clone();
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

/// The stack of pop-ups and its bar ("+N more", "Dismiss all"). Scoped by stylist to the
/// component's root, which keeps its `an-popups` class for hosts' style sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        display: flex; flex-direction: column; justify-content: flex-end;
        .an-popups__bar {
            display: flex; justify-content: flex-end; gap: 8px; pointer-events: auto;
            margin-top: var(--an-popup-gap);
        }
        .an-popups__more, .an-popups__dismiss {
            padding: 4px 12px; border-radius: 999px; border: 0; cursor: pointer;
            background: var(--an-text); color: var(--an-surface);
            font: 600 12px/20px var(--an-font); box-shadow: var(--an-shadow);
        }
        .an-popups__more:hover, .an-popups__dismiss:hover { background: var(--an-text-muted); }
        .an-popups__more:focus-visible, .an-popups__dismiss:focus-visible {
            outline: 2px solid var(--an-accent); outline-offset: 2px;
        }
        .an-popups__peek { display: none; }
        &[data-expanded] {
            display: block; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
            pointer-events: auto; padding: 0 4px 4px; margin: 0 -4px;
        }
        &[data-expanded] .an-popups__bar {
            position: sticky; top: 0; z-index: 1; margin-top: 0; padding-bottom: 4px;
        }
        &[data-expanded] .an-popup__countdown { animation-play-state: paused; }
        @media (max-width: 600px) {
            .an-popups__peek {
                display: flex; flex-direction: column; align-items: center; pointer-events: auto;
                cursor: pointer; margin-top: var(--an-popup-gap); margin-bottom: calc(-1 * var(--an-popup-gap));
            }
            .an-popups__peek span {
                display: block; height: 7px; box-sizing: border-box; background: var(--an-surface);
                border: 1px solid var(--an-border); border-bottom: 0; border-radius: 10px 10px 0 0;
                box-shadow: 0 -2px 6px rgba(16, 24, 40, .08);
            }
            .an-popups__peek span:first-child { width: calc(100% - 32px); }
            .an-popups__peek span:only-child, .an-popups__peek span + span { width: calc(100% - 16px); }
        }
        "#
    )
}
