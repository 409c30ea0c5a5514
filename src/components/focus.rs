//! Where keyboard focus goes when a pop-up leaves: the pop-up beside it, else the bell.

use wasm_bindgen::JsCast;

/// Moves focus from `popup`, about to close, to the close button of the pop-up below it (else
/// above it), else to the bell.
pub(super) fn focus_neighbour(popup: &web_sys::Element) {
    let is_popup = |e: &web_sys::Element| e.has_attribute("data-id");
    let button = popup
        .next_element_sibling()
        .filter(is_popup)
        .or_else(|| popup.previous_element_sibling().filter(is_popup))
        .and_then(|p| p.query_selector(".an-popup__close").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    let root = popup.parent_element().and_then(|s| s.parent_element());
    match (button, root) {
        (Some(button), _) => {
            let _ = button.focus();
        }
        // None beside it on screen, but some wait (the phone's deck shows one): focus waits on
        // the region until the next one is in front (`focus_waiting_next`), not on the bell.
        (None, Some(root)) if has_waiting(&root) => {
            let _ = root.set_attribute("tabindex", "-1");
            let _ = root.set_attribute(FOCUS_NEXT, "");
            if let Some(root) = root.dyn_ref::<web_sys::HtmlElement>() {
                let _ = root.focus();
            }
        }
        (None, Some(root)) => focus_after_stack(&root),
        (None, None) => {}
    }
}

/// Set on the pop-ups' region while focus waits there for the next pop-up to come to the front.
const FOCUS_NEXT: &str = "data-focus-next";

/// Whether pop-ups wait behind the ones on screen ("+N more").
fn has_waiting(root: &web_sys::Element) -> bool {
    root.query_selector(".an-popups__more")
        .ok()
        .flatten()
        .is_some()
}

/// After a render: if focus waits on the region for the next pop-up and one is on screen now, it
/// goes to that pop-up's close button. Focus the person has moved elsewhere meanwhile stays there.
pub(super) fn focus_waiting_next(root: &web_sys::Element) {
    if !root.has_attribute(FOCUS_NEXT) {
        return;
    }
    let still_here = gloo_utils::document()
        .active_element()
        .is_some_and(|active| &active == root);
    let button = root
        .query_selector("[data-id] .an-popup__close")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    match (still_here, button) {
        (true, Some(button)) => {
            let _ = root.remove_attribute(FOCUS_NEXT);
            let _ = button.focus();
        }
        (true, None) => {}
        (false, _) => {
            let _ = root.remove_attribute(FOCUS_NEXT);
        }
    }
}

/// Where focus goes when the pop-up that had it leaves and no other is left: the bell (the
/// notification center keeps what the pop-ups showed), else the region itself.
pub(super) fn focus_after_stack(root: &web_sys::Element) {
    // The bell is where the region is: in the embed's shadow root, or the document.
    let scope: Option<web_sys::Element> = root
        .get_root_node()
        .dyn_ref::<web_sys::DocumentFragment>()
        .and_then(|shadow| shadow.query_selector(".an-bell").ok().flatten())
        .or_else(|| {
            gloo_utils::document()
                .query_selector(".an-bell")
                .ok()
                .flatten()
        });
    let target = scope.unwrap_or_else(|| {
        let _ = root.set_attribute("tabindex", "-1");
        root.clone()
    });
    if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
        let _ = target.focus();
    }
}
