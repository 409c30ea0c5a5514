//! The page for an unknown path.

use stylist::{css, StyleSource};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

/// The plain page card shared by the simple pages.
pub(super) fn page_style() -> StyleSource {
    css!(
        r#"
        background: var(--an-surface); border: 1px solid var(--an-border); border-radius: var(--an-radius);
        padding: 28px; max-width: 640px;
        h1 { margin: 0 0 8px; font-size: 22px; }
        p { color: var(--an-text-muted); line-height: 1.5; }
        "#
    )
}

#[component]
pub fn NotFound() -> Html {
    html! {
        <div class={page_style()}>
            <h1>{ "Page not found" }</h1>
            <p>{ "Nothing lives at this address. A notification may point to a page this demo does not have." }</p>
            <Link<Route> to={Route::Dashboard}>{ "Back to the dashboard" }</Link<Route>>
        </div>
    }
}
