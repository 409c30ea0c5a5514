//! The page for an unknown path.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use crate::sheet::{sheet, Sheet};

/// The plain page card shared by the simple pages (class `an-page`).
pub(super) static PAGE: Sheet = sheet!("pages/page.css");

#[component]
pub fn NotFound() -> Html {
    PAGE.attach();
    html! {
        <div class="an-page">
            <h1>{ "Page not found" }</h1>
            <p>{ "Nothing lives at this address. A notification may point to a page this demo does not have." }</p>
            <Link<Route> to={Route::Dashboard}>{ "Back to the dashboard" }</Link<Route>>
        </div>
    }
}
