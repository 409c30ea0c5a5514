//! The whole app, top to bottom: the store, the JS API feeding it, the router and the pop-ups.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::{Inspector, PopupStack};
use crate::delivery::Deliver;
use crate::i18n::Lang;
use crate::pages::Shell;
use crate::persist::Persist;
use crate::routes::{switch, Route};
use crate::store::{use_notifications_dispatch, NotificationsProvider};

#[component]
pub fn App() -> Html {
    // The page's `lang`, else the browser's languages: read once.
    let lang = *use_memo((), |_| Lang::from_browser());
    html! {
        <ContextProvider<Lang> context={lang}>
        <NotificationsProvider>
            // Before the API: calls replayed at start-up are journaled, so they are stored too.
            <Persist />
            <JsApi />
            <Deliver />
            <BrowserRouter>
                <Shell>
                    <Switch<Route> render={switch} />
                </Shell>
            </BrowserRouter>
            // Outside the router's pages: navigating never unmounts a pop-up.
            <PopupStack />
            <Inspector />
        </NotificationsProvider>
        </ContextProvider<Lang>>
    }
}

/// Attaches `window.AMOCRM.notifications` to the store while mounted, replaying earlier calls.
///
/// It attaches during its first render, not in an effect: effects run only after the whole first
/// render of the app (the dashboard and its styles), and widgets should not wait for that. The
/// guard lives in the hook's state, so unmounting drops it and detaches the shim.
#[component]
pub fn JsApi() -> Html {
    let dispatch = use_notifications_dispatch();
    let _attached = use_memo((), move |_| api::install(dispatch));
    Html::default()
}
