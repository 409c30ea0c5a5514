//! The demo app (the `demo` feature): the notification UI around a CRM-like site with its router
//! and pages.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::NotificationRoot;
use crate::pages::Shell;
use crate::routes::{switch, Route};

#[component]
pub fn App() -> Html {
    // The site renders after the browser has painted the notification UI, so a widget's first
    // pop-up is on screen before the dashboard is built. (A plain timer is not enough: when the
    // first render is long, Yew's scheduler yields through a timer of its own, queued after ours,
    // and the pop-ups of the calls replayed at start-up would wait for the whole site.)
    let site = crate::hooks::use_painted();
    html! {
        <NotificationRoot>
            if site {
                <BrowserRouter>
                    <Shell>
                        <Switch<Route> render={switch} />
                    </Shell>
                </BrowserRouter>
            }
        </NotificationRoot>
    }
}
