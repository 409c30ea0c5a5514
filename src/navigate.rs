//! Following a notification's link. First a cancellable `amocrm-notify:navigate` event goes to
//! `window`, with `detail: { url, external }`: a host page that routes by itself cancels it
//! (`preventDefault()`) and navigates its own way. Otherwise paths on this site go through the
//! router (no reload) and other URLs open in a new tab, without access to this page.

use yew_router::history::{BrowserHistory, History};

use crate::notification::Link;

/// The event a host listens to.
pub(crate) const NAVIGATE_EVENT: &str = "amocrm-notify:navigate";

/// Follows `link` the way a notification click should, unless a listener cancels it. `embedded`:
/// the UI lives in a host page's shadow root ([`in_shadow`], [`crate::host::Host`]).
pub(crate) fn open_link(link: &Link, embedded: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let link = &same_site(&window, link);
    if !announce(link) {
        return;
    }
    match link {
        // Embedded, the host's router is not ours to drive: a normal navigation.
        Link::Internal(path) if embedded => {
            let _ = window.location().assign(path);
        }
        Link::Internal(path) => BrowserHistory::new().push(path.as_str()),
        Link::External(url) => {
            let _ =
                window.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
        }
    }
}

/// An absolute URL on this page's own origin is a path on this site: it is routed inside the app,
/// not opened in a new tab.
fn same_site(window: &web_sys::Window, link: &Link) -> Link {
    if let (Link::External(url), Ok(origin)) = (link, window.location().origin()) {
        if let Some(path) = url.strip_prefix(origin.as_str()) {
            if path.starts_with('/') {
                return Link::Internal(path.to_owned());
            }
            if path.is_empty() || path.starts_with(['?', '#']) {
                return Link::Internal(format!("/{path}"));
            }
        }
    }
    link.clone()
}

/// A click on an `<a>` to `link`: a plain click is followed with [`open_link`] instead of the
/// browser's navigation; with a modifier key the browser does what the user asked for (a new tab
/// or window). Whether this page followed it.
pub(crate) fn follow_click(event: &web_sys::MouseEvent, link: &Link) -> bool {
    let here = !(event.ctrl_key() || event.meta_key() || event.shift_key());
    if here {
        event.prevent_default();
        open_link(link, in_shadow(event));
    }
    here
}

/// Whether `event` happened in a shadow root: the embedded UI's.
pub(crate) fn in_shadow(event: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|node| node.get_root_node().is_instance_of::<web_sys::ShadowRoot>())
}

/// Dispatches the navigate event; false when a listener cancelled it.
fn announce(link: &Link) -> bool {
    crate::browser::announce_navigation(NAVIGATE_EVENT, link.as_str(), !link.is_internal())
}
