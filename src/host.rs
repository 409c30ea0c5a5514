//! Where the notification UI lives on the page: the document, or a shadow root on a host's element
//! when embedded ([`crate::embed`] mounts it there). Components ask here, never the mounting code.

use std::cell::RefCell;

thread_local! {
    /// Set once, by the embed mount, before the first render.
    static SHADOW: RefCell<Option<web_sys::ShadowRoot>> = const { RefCell::new(None) };
}

/// The shadow root the UI lives in, when embedded.
pub fn shadow_root() -> Option<web_sys::ShadowRoot> {
    SHADOW.with_borrow(Clone::clone)
}

pub fn is_embedded() -> bool {
    SHADOW.with_borrow(Option::is_some)
}

/// Records the shadow root the UI is mounted in (by [`crate::embed::mount`], before rendering).
pub(crate) fn set_shadow_root(shadow: web_sys::ShadowRoot) {
    SHADOW.set(Some(shadow));
}

/// Where style sheets go ([`crate::sheet`]): the shadow root when embedded, else the document's
/// `<head>`. `None` outside a browser.
pub(crate) fn style_container() -> Option<web_sys::Node> {
    match shadow_root() {
        Some(shadow) => Some(shadow.into()),
        None => web_sys::window()?.document()?.head().map(Into::into),
    }
}
