//! Where the notification UI lives on the page: the document, or a shadow root on a host's element
//! when embedded ([`crate::embed`] mounts it there). Components ask here, never the mounting code.

use std::cell::RefCell;

use stylist::manager::StyleManager;

thread_local! {
    /// Set once, by the embed mount, before the first render.
    static SHADOW: RefCell<Option<web_sys::ShadowRoot>> = const { RefCell::new(None) };
}

/// The shadow root the UI lives in, when embedded.
pub(crate) fn shadow_root() -> Option<web_sys::ShadowRoot> {
    SHADOW.with_borrow(Clone::clone)
}

pub(crate) fn is_embedded() -> bool {
    SHADOW.with_borrow(Option::is_some)
}

/// Records the shadow root the UI is mounted in (by [`crate::embed::mount`], before rendering).
pub(crate) fn set_shadow_root(shadow: web_sys::ShadowRoot) {
    SHADOW.set(Some(shadow));
}

/// Where components' styles go: the shadow root when embedded, else the document's `<head>`
/// (stylist's default). One manager for the app, made on first use (after the embed's mount has
/// recorded its shadow root).
pub(crate) fn style_manager() -> StyleManager {
    thread_local! {
        static MANAGER: StyleManager = match shadow_root() {
            Some(shadow) => StyleManager::builder()
                .container(shadow.into())
                .build()
                .expect("a style manager for the shadow root"),
            None => StyleManager::default(),
        };
    }
    MANAGER.with(Clone::clone)
}
