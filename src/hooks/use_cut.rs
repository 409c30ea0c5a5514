//! Whether any part of a rendered element is cut short (an ellipsis, a line clamp): measured after
//! a render that changed what is shown, so that "Read in full" and "Show all" appear where there is
//! more to read. Measuring reads layout: it is not done on renders that change nothing it measures.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The ref to put on the element, and whether any of its descendants matching `parts` is wider or
/// taller than it is shown; measured again when `shown` (what decides the parts' content) changes.
#[hook]
pub(crate) fn use_cut<D: PartialEq + 'static>(parts: &'static str, shown: D) -> (NodeRef, bool) {
    let node = use_node_ref();
    let cut = use_state_eq(|| false);
    {
        let (node, cut) = (node.clone(), cut.clone());
        use_effect_with(shown, move |_| {
            if let Some(element) = node.cast::<web_sys::Element>() {
                cut.set(cuts(&element, parts));
            }
        });
    }
    (node, *cut)
}

fn cuts(element: &web_sys::Element, parts: &str) -> bool {
    let Ok(found) = element.query_selector_all(parts) else {
        return false;
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .any(|part| {
            part.scroll_width() > part.client_width() + 1
                || part.scroll_height() > part.client_height() + 1
        })
}
