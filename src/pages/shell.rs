//! The CRM-like frame around every page: a sidebar, a top bar with the bell, the content.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::NotificationCenter;
use crate::routes::Route;
use crate::sheet::{sheet, Sheet};

static SHEET: Sheet = sheet!("pages/shell.css");

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let route = use_route::<Route>();
    // On a phone the sidebar is a drawer behind the menu button; following a link closes it.
    let menu = use_state_eq(|| false);
    {
        let menu = menu.clone();
        use_effect_with(route.clone(), move |_| menu.set(false));
    }
    let onmenu = {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| menu.set(!*menu))
    };
    let onnavkey = {
        let menu = menu.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *menu {
                event.prevent_default();
                menu.set(false);
            }
        })
    };
    SHEET.attach();
    let nav = |to: Route, label: &'static str, active: bool| {
        html! {
            <Link<Route> to={to} classes={classes!("crm-nav-link", active.then_some("crm-nav-link--active"))}>
                <span class="crm-nav-dot" aria-hidden="true" />
                <span>{ label }</span>
            </Link<Route>>
        }
    };
    let on = |r: &Route| route.as_ref() == Some(r);
    html! {
        <div class="an-shell">
            <nav id="crm-nav" class="crm-sidebar" aria-label="Main" data-open={menu.then_some("")} onkeydown={onnavkey}>
                <div class="crm-brand"><img src="/assets/favicon.svg" alt="" />{ "Acme CRM" }</div>
                { nav(Route::Dashboard, "Dashboard", on(&Route::Dashboard)) }
                { nav(Route::Lead { id: 7310 }, "Leads", matches!(route, Some(Route::Lead { .. }))) }
                { nav(Route::Contacts, "Contacts", matches!(route, Some(Route::Contact { .. } | Route::Contacts))) }
                { nav(Route::Company { id: 4410 }, "Companies", matches!(route, Some(Route::Company { .. }))) }
                { nav(Route::Settings, "Settings", on(&Route::Settings)) }
            </nav>
            <div class="crm-main">
                <header class="crm-topbar">
                    <button type="button" class="crm-menu" aria-label="Menu" aria-controls="crm-nav"
                            aria-expanded={menu.to_string()} onclick={onmenu}>
                        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none"
                             stroke="currentColor" stroke-width="2" stroke-linecap="round">
                            <path d="M4 6h16M4 12h16M4 18h16" />
                        </svg>
                    </button>
                    <input class="crm-search" type="search" placeholder="Search leads, contacts, companies" aria-label="Search" />
                    <div class="crm-spacer" />
                    <NotificationCenter />
                    <div class="crm-user">
                        <span class="crm-avatar" aria-hidden="true">{ "JN" }</span>
                        <span class="crm-user-name">{ "Jason Nash" }</span>
                    </div>
                </header>
                <main class="crm-content">{ props.children.clone() }</main>
            </div>
        </div>
    }
}
