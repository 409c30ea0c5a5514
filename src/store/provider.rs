//! The provider that owns the store, and the hooks through which components reach it.
//!
//! Readers subscribe to the state; producers (the JS API, buttons that dismiss) take only the
//! dispatcher, which never changes, so producing a notification never re-renders the producer.

use yew::prelude::*;

use super::model::Action;
use super::reducer::Store;

/// What readers get: the current snapshot, re-rendered on every change.
pub type NotificationsContext = UseReducerHandle<Store>;
/// What producers get: a stable handle that only dispatches.
pub type NotificationsDispatcher = UseReducerDispatcher<Store>;

#[derive(Properties, PartialEq)]
pub struct NotificationsProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn NotificationsProvider(props: &NotificationsProviderProps) -> Html {
    let store = use_reducer(Store::default);
    let dispatcher = store.dispatcher();
    html! {
        <ContextProvider<NotificationsDispatcher> context={dispatcher}>
            <ContextProvider<NotificationsContext> context={store}>
                { props.children.clone() }
            </ContextProvider<NotificationsContext>>
        </ContextProvider<NotificationsDispatcher>>
    }
}

/// The store's current snapshot; the component re-renders whenever it changes.
#[hook]
pub fn use_notifications() -> NotificationsContext {
    use_context::<NotificationsContext>()
        .expect("use_notifications() needs a <NotificationsProvider> above this component")
}

/// A dispatcher for [`Action`]s, the same callback on every render; the component does not
/// re-render on changes.
#[hook]
pub fn use_notifications_dispatch() -> Callback<Action> {
    let dispatcher = use_context::<NotificationsDispatcher>().expect(
        "use_notifications_dispatch() needs a <NotificationsProvider> above this component",
    );
    (*use_memo(dispatcher, NotificationsDispatcher::to_callback)).clone()
}
