//! Following a notification's link: paths on this site go through the router (no reload), other
//! URLs open in a new tab.

use yew_router::history::{BrowserHistory, History};

use crate::notification::Link;

/// Follows `link` the way a notification click should.
pub fn open_link(link: &Link) {
    match link {
        Link::Internal(path) => BrowserHistory::new().push(path.as_str()),
        Link::External(url) => {
            if let Some(window) = web_sys::window() {
                let _ = window.open_with_url_and_target_and_features(
                    url,
                    "_blank",
                    "noopener,noreferrer",
                );
            }
        }
    }
}
