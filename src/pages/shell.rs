//! The CRM-like frame around every page: a sidebar, a top bar with the bell, the content.

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::NotificationCenter;
use crate::hooks::use_lang;
use crate::i18n::{ShellWord, Words};
use crate::routes::Route;

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
    let style = use_style(style());
    let lang = use_lang();
    let word = |w: ShellWord| lang.shell(w);
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
        <div class={classes!("an-shell", style)}>
            <nav id="crm-nav" class="crm-sidebar" aria-label={word(ShellWord::Main)} data-open={menu.then_some("")} onkeydown={onnavkey}>
                <div class="crm-brand"><img src="/assets/favicon.svg" alt="" />{ "Acme CRM" }</div>
                { nav(Route::Dashboard, word(ShellWord::Dashboard), on(&Route::Dashboard)) }
                { nav(Route::Lead { id: 7310 }, word(ShellWord::Leads), matches!(route, Some(Route::Lead { .. }))) }
                { nav(Route::Contacts, word(ShellWord::Contacts), matches!(route, Some(Route::Contact { .. } | Route::Contacts))) }
                { nav(Route::Company { id: 4410 }, word(ShellWord::Companies), matches!(route, Some(Route::Company { .. }))) }
                { nav(Route::Settings, word(ShellWord::Settings), on(&Route::Settings)) }
            </nav>
            <div class="crm-main">
                <header class="crm-topbar">
                    <button type="button" class="crm-menu" aria-label={word(ShellWord::Menu)} aria-controls="crm-nav"
                            aria-expanded={menu.to_string()} onclick={onmenu}>
                        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none"
                             stroke="currentColor" stroke-width="2" stroke-linecap="round">
                            <path d="M4 6h16M4 12h16M4 18h16" />
                        </svg>
                    </button>
                    <input class="crm-search" type="search" placeholder={word(ShellWord::SearchHint)} aria-label={word(ShellWord::Search)} />
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

/// (demo) The page around everything: the sidebar, the top bar with the bell, the content. Scoped
/// by stylist to the component's root, which keeps its `an-shell` class for hosts' style sheets and
/// the tests.
fn style() -> StyleSource {
    css!(
        r#"
        display: grid; grid-template-columns: 224px 1fr; min-height: 100vh;
        .crm-sidebar {
            background: var(--crm-sidebar); color: var(--crm-sidebar-text);
            padding: 18px 12px; display: flex; flex-direction: column; gap: 4px;
        }
        .crm-brand { display: flex; align-items: center; gap: 10px; padding: 4px 10px 20px; color: #fff; font-weight: 700; font-size: 16px; }
        .crm-brand img { width: 30px; height: 30px; }
        .crm-nav-link {
            display: flex; align-items: center; gap: 10px; padding: 9px 12px; border-radius: 9px;
            color: var(--crm-sidebar-text); text-decoration: none; font-weight: 500;
        }
        .crm-nav-link:hover { background: rgba(255,255,255,.06); color: #fff; }
        .crm-nav-link--active { background: var(--crm-sidebar-active); color: #fff; }
        .crm-nav-dot { width: 8px; height: 8px; border-radius: 3px; background: currentColor; opacity: .7; }
        .crm-main { min-width: 0; display: flex; flex-direction: column; }
        .crm-topbar {
            position: sticky; top: 0; z-index: 10;
            display: flex; align-items: center; gap: 16px; height: 64px; padding: 0 24px;
            background: var(--an-surface); border-bottom: 1px solid var(--an-border);
        }
        /* While the center is open it is above the pop-ups (which keep clear of the bar anyway). A
           host's modal still covers the bar otherwise. */
        .crm-topbar:has(#an-notification-panel) { z-index: calc(var(--an-z) + 1); }
        .crm-search {
            flex: 1; max-width: 420px; height: 38px; padding: 0 14px; border-radius: 10px;
            border: 1px solid var(--an-border); background: var(--an-surface-muted);
        }
        .crm-spacer { flex: 1; }
        .crm-user { display: flex; align-items: center; gap: 10px; font-weight: 500; }
        .crm-avatar {
            width: 34px; height: 34px; border-radius: 50%; display: grid; place-items: center;
            background: color-mix(in srgb, var(--an-accent) 12%, var(--an-surface)); color: var(--an-accent); font-weight: 700; font-size: 13px;
        }
        /* Room below the content for the API inspector over the page's corner (it sets the
           property while it shows), so scrolled to the end nothing is left under it. */
        .crm-content { padding: 28px; padding-bottom: calc(28px + var(--an-inspector-room, 0px)); }
        .crm-menu {
            display: none; width: 40px; height: 40px; place-items: center; flex: none;
            border: 1px solid var(--an-border); border-radius: 10px; background: var(--an-surface);
            color: var(--an-text); cursor: pointer; padding: 0;
        }
        .crm-menu:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 2px; }
        @media (max-width: 760px) {
            grid-template-columns: 1fr;
            .crm-menu { display: grid; }
            .crm-sidebar { display: none; }
            .crm-sidebar[data-open] {
                display: flex; position: fixed; z-index: 20; top: 64px; left: 0; bottom: 0;
                width: min(280px, 82vw); overflow-y: auto; box-shadow: 0 12px 40px rgba(15, 23, 42, .35);
            }
            .crm-content { padding: 16px; padding-bottom: calc(16px + var(--an-inspector-room, 0px)); }
            .crm-topbar { padding: 0 12px; gap: 8px; }
            .crm-user-name { display: none; }
        }
        "#
    )
}
