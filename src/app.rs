//! The demo app (the `demo` feature): the notification UI around a CRM-like site with its router
//! and pages.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::NotificationRoot;
use crate::pages::Shell;
use crate::routes::{switch, Route};

#[component]
pub fn App() -> Html {
    html! {
        <NotificationRoot>
            <BrowserRouter>
                <Shell>
                    <Switch<Route> render={switch} />
                </Shell>
            </BrowserRouter>
        </NotificationRoot>
    }
}
