//! The contact list, with the search term the reference's `add_error` link carries
//! (`/contacts/list/?term=4951234567`).

use yew::prelude::*;
use yew_router::prelude::*;

use stylist::yew::use_style;

use super::not_found::page_style;

#[component]
pub fn ContactsList() -> Html {
    let style = use_style(page_style());
    let location = use_location();
    let term = location
        .as_ref()
        .and_then(|l| crate::browser::query_value(l.query_str(), "term"));
    html! {
        <div class={classes!("an-page", style)}>
            <h1>{ "Contacts" }</h1>
            if let Some(term) = term {
                <p style="overflow-wrap: anywhere">{ "Search: " }<b data-search-term={term.clone()} dir="auto">{ term.clone() }</b></p>
                <p>{ "No contact matches this term." }</p>
            } else {
                <p>{ "Contacts appear here." }</p>
            }
        </div>
    }
}
