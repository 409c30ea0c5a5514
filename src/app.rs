//! The demo app (the `demo` feature): the notification UI around a CRM-like site with its router
//! and pages.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::NotificationRoot;
use crate::pages::Shell;
use crate::routes::{switch, Route};

#[component]
pub fn App() -> Html {
    // The site renders in a task of its own after the notification UI's first render, so the browser
    // can paint a widget's first pop-up before the dashboard is built.
    let site = use_state(|| false);
    {
        let site = site.clone();
        use_effect_with((), move |_| {
            gloo_timers::callback::Timeout::new(0, move || site.set(true)).forget();
        });
    }
    html! {
        <NotificationRoot>
            if *site {
                <BrowserRouter>
                    <Shell>
                        <Switch<Route> render={switch} />
                    </Shell>
                </BrowserRouter>
            }
        </NotificationRoot>
    }
}
