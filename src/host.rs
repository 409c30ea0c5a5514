//! Where the notification UI lives on the page: the document, or a shadow root on a host's element
//! when embedded ([`crate::embed`] mounts it there and hands it to the root component). The root
//! provides it as context, the style manager's container ([`use_host`] reads it back); components
//! ask there, never the mounting code.

use stylist::manager::StyleManager;
use yew::prelude::*;

/// Where the UI lives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Host {
    /// The shadow root the UI lives in, when embedded.
    pub shadow: Option<web_sys::ShadowRoot>,
}

impl Host {
    /// Embedded in a host page, in `shadow`.
    pub fn in_shadow(shadow: web_sys::ShadowRoot) -> Self {
        Host {
            shadow: Some(shadow),
        }
    }

    pub(crate) fn is_embedded(&self) -> bool {
        self.shadow.is_some()
    }

    /// Where components' styles go: the shadow root when embedded, else the document's `<head>`
    /// (stylist's default).
    pub(crate) fn style_manager(&self) -> StyleManager {
        match &self.shadow {
            Some(shadow) => StyleManager::builder()
                .container(shadow.clone().into())
                .build()
                .expect("a style manager for the shadow root"),
            None => StyleManager::default(),
        }
    }
}

/// Where the UI lives, as the root provides it: the container of its style manager (stylist's
/// context, which every styled component reads anyway), a shadow root when embedded. Read from
/// the DOM once per manager, not on every render (components that use it re-render with the store).
#[hook]
pub(crate) fn use_host() -> Host {
    use wasm_bindgen::JsCast;
    let manager = use_context::<StyleManager>();
    let host = use_memo(manager, |manager| {
        let shadow = manager
            .as_ref()
            .and_then(StyleManager::container)
            .and_then(|node| node.dyn_into::<web_sys::ShadowRoot>().ok());
        Host { shadow }
    });
    (*host).clone()
}
