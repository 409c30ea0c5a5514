//! The whole app, top to bottom: the store, the JS API feeding it, the router and the pop-ups.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::PopupStack;
use crate::pages::Shell;
use crate::routes::{switch, Route};
use crate::store::{use_notifications_dispatch, NotificationsProvider};

#[component]
pub fn App() -> Html {
    html! {
        <NotificationsProvider>
            <JsApi />
            <BrowserRouter>
                <Shell>
                    <Switch<Route> render={switch} />
                </Shell>
            </BrowserRouter>
            // Outside the router's pages: navigating never unmounts a pop-up.
            <PopupStack />
        </NotificationsProvider>
    }
}

/// Attaches `window.AMOCRM.notifications` to the store while mounted, replaying earlier calls.
#[component]
pub fn JsApi() -> Html {
    let dispatch = use_notifications_dispatch();
    use_effect_with((), move |_| {
        let guard = api::install(dispatch);
        move || drop(guard)
    });
    Html::default()
}
