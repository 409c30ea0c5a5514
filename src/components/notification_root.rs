//! The notification UI's root: what the demo app, the embed and the browser tests' harness all
//! mount. It provides where styles go, the theme, the interface language and the store, runs the services (storage, the JS API,
//! delivery to the account's server), renders its children (the demo's pages, or the bell) and then
//! the pop-ups and the inspector, outside any page so that navigating never unmounts a pop-up.
//!
//! The services wrap what comes after them, because the order of their first renders matters and
//! Yew renders a parent before its children (siblings, it creates last to first): storage and
//! delivery subscribe to the store before the JS API replays the calls recorded before start-up, so
//! those are stored and delivered too; and the pop-ups render after the replay, so a widget's first
//! pop-up is in the app's first render.

use stylist::yew::ManagerProvider;
use yew::html::ChildrenProps;
use yew::prelude::*;

use super::{Inspector, PopupStack};
use crate::api;
use crate::delivery::Deliver;
use crate::hooks::SetLang;
use crate::host::Host;
use crate::i18n::Language;
use crate::persist::Persist;
use crate::store::{use_notifications, use_notifications_dispatch, NotificationsProvider};
use crate::theme::ThemeProvider;

#[derive(Properties, PartialEq)]
pub struct NotificationRootProps {
    #[prop_or_default]
    pub children: Html,
    /// Storage, delivery and the inspector; off for tests that check the store alone.
    #[prop_or(true)]
    pub services: bool,
    /// Where the UI lives: the document, or the embed's shadow root.
    #[prop_or_default]
    pub host: Host,
}

#[component]
pub fn NotificationRoot(props: &NotificationRootProps) -> Html {
    // The page's `lang`, else the browser's languages: read at start-up; the settings page may
    // change it (the page's `lang` and the stored choice follow).
    let lang = use_state(crate::i18n::from_browser);
    let set_lang = {
        let lang = lang.clone();
        SetLang(Callback::from(move |chosen: Language| {
            crate::browser::set_page_language(chosen.tag());
            lang.set(chosen);
        }))
    };
    let lang = *lang;
    let services = props.services;
    let ui = html! {
        <JsApi>
            { props.children.clone() }
            <PopupStack />
            if services { <Inspector /> }
        </JsApi>
    };
    // Components' styles go where the UI lives: the document, or the embed's shadow root.
    let manager = (*use_memo(props.host.clone(), Host::style_manager)).clone();
    html! {
        <ManagerProvider {manager}>
        <ThemeProvider>
        <ContextProvider<Language> context={lang}>
        <ContextProvider<SetLang> context={set_lang}>
        <NotificationsProvider>
            if services {
                <Persist><Deliver>{ ui }</Deliver></Persist>
            } else {
                { ui }
            }
        </NotificationsProvider>
        </ContextProvider<SetLang>>
        </ContextProvider<Language>>
        </ThemeProvider>
        </ManagerProvider>
    }
}

/// Attaches `window.AMOCRM.notifications` to the store while mounted, replaying earlier calls,
/// then renders its children.
///
/// It attaches during its first render, not in an effect: effects run only after the whole first
/// render of the app, and widgets should not wait for that. The guard lives in the hook's state, so
/// unmounting drops it and detaches the shim.
#[component]
fn JsApi(props: &ChildrenProps) -> Html {
    let dispatch = use_notifications_dispatch();
    let store = use_notifications();
    // What became of the widgets' notifications, told to their callbacks as the store has news
    // for them; subscribed before the calls made before start-up are replayed.
    let _widgets = use_memo((), move |_| api::Widgets::new(&store));
    let _attached = use_memo((), move |_| api::install(dispatch));
    props.children.clone()
}
