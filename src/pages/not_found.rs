//! The page for an unknown path.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

#[component]
pub fn NotFound() -> Html {
    let style = use_style(page_style());
    html! {
        <div class={classes!("an-page", style)}>
            <h1>{ "Page not found" }</h1>
            <p>{ "Nothing lives at this address. A notification may point to a page this demo does not have." }</p>
            <Link<Route> to={Route::Dashboard}>{ "Back to the dashboard" }</Link<Route>>
        </div>
    }
}

/// (demo) The plain card of the simple pages (not found, the contacts list). Scoped by stylist to
/// the component's root, which keeps its `an-page` class for hosts' style sheets and the tests.
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
