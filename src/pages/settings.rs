//! The center's settings: the delivery channels.

use yew::prelude::*;

use super::not_found::page_style;

#[component]
pub fn SettingsPage() -> Html {
    html! {
        <div class={page_style()}>
            <h1>{ "Notification settings" }</h1>
        </div>
    }
}
