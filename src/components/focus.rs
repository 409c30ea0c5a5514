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
    match (
        button,
        popup.parent_element().and_then(|s| s.parent_element()),
    ) {
        (Some(button), _) => {
            let _ = button.focus();
        }
        (None, Some(root)) => focus_after_stack(&root),
        (None, None) => {}
    }
}

/// Where focus goes when the pop-up that had it leaves and no other is left: the bell (the
/// notification center keeps what the pop-ups showed), else the region itself.
pub(super) fn focus_after_stack(root: &web_sys::Element) {
    let scope: Option<web_sys::Element> = crate::host::shadow_root()
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
