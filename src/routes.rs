//! The app's URLs: the demo dashboard and the entity pages a notification links to, in the
//! vendor's own URL scheme (`/contacts/detail/{id}`).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::notification::EntityKind;
use crate::pages::{ContactsList, Dashboard, EntityPage, NotFound, SettingsPage};

#[derive(Routable, Clone, Debug, PartialEq)]
pub enum Route {
    #[at("/")]
    Dashboard,
    #[at("/contacts/detail/:id")]
    Contact { id: u64 },
    #[at("/leads/detail/:id")]
    Lead { id: u64 },
    #[at("/companies/detail/:id")]
    Company { id: u64 },
    /// The reference's `add_error` links here: `/contacts/list/?term=4951234567`.
    #[at("/contacts/list")]
    Contacts,
    /// The center's delivery channels.
    #[at("/settings")]
    Settings,
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Dashboard => html! { <Dashboard /> },
        Route::Contact { id } => html! { <EntityPage kind={EntityKind::Contact} {id} /> },
        Route::Lead { id } => html! { <EntityPage kind={EntityKind::Lead} {id} /> },
        Route::Company { id } => html! { <EntityPage kind={EntityKind::Company} {id} /> },
        Route::Contacts => html! { <ContactsList /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
