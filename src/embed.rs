//! Embedding in a host page: the notification UI alone (the bell with the center, the pop-ups and,
//! when asked for, the inspector), without the demo's router and pages, inside a shadow root on an
//! element the host names.
//!
//! The shadow root isolates both ways: the host's selectors do not reach in, and nothing of ours
//! (styles, class names, the pop-up region) reaches out. Inherited properties are reset at the
//! boundary (`:host { all: initial }`), so a host's `body { letter-spacing: … }` does not leak in
//! either; only the `--an-*` custom properties a host sets on the mount element do, on purpose.
//!
//! `assets/embed.js` asks for this mode by setting `window.amocrmNotifyEmbed = { target }` before
//! the app starts; `target` is a selector or an element. Without it the full demo app renders.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{NotificationCenter, NotificationRoot};
use crate::host;

/// The global a host page (or `assets/embed.js`) sets to ask for embed mode.
pub const EMBED_GLOBAL: &str = "amocrmNotifyEmbed";

/// The design tokens, what only the shadow root needs, and the UI's page-level rules (the pop-up
/// region) as the app links them: the inside of the shadow root, from `styles/`, without their
/// comments (`build.rs`).
const TOKENS: &str = include_str!(concat!(env!("OUT_DIR"), "/tokens.css"));
const UI_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/ui.css"));
const EMBED_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/embed.css"));

/// The element to mount into, when the page asked for embed mode: its `target` (a selector or an
/// element), else a new element at the end of `<body>`. `None`: render the full app.
pub fn requested() -> Option<web_sys::Element> {
    let window = web_sys::window()?;
    let request = js_sys::Reflect::get(&window, &EMBED_GLOBAL.into()).ok()?;
    if !request.is_object() {
        return None;
    }
    let document = window.document()?;
    let target = js_sys::Reflect::get(&request, &"target".into()).unwrap_or_default();
    let found = if let Some(element) = target.dyn_ref::<web_sys::Element>() {
        Some(element.clone())
    } else if let Some(selector) = target.as_string() {
        let found = document.query_selector(&selector).ok().flatten();
        if found.is_none() {
            web_sys::console::warn_1(
                &format!("amocrm-notify: no element matches \"{selector}\"; the notification center is added at the end of the page").into(),
            );
        }
        found
    } else {
        None
    };
    found.or_else(default_host)
}

/// A new `<amocrm-notify>` element at the end of `<body>`, to mount into.
pub fn default_host() -> Option<web_sys::Element> {
    let document = gloo_utils::document();
    let element = document.create_element("amocrm-notify").ok()?;
    document.body()?.append_child(&element).ok()?;
    Some(element)
}

/// Mounts the notification UI into a shadow root on `host`.
pub fn mount(host: web_sys::Element) {
    let document = gloo_utils::document();
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = match host.attach_shadow(&init) {
        Ok(shadow) => shadow,
        Err(error) => {
            web_sys::console::error_2(
                &"amocrm-notify: the mount element cannot take a shadow root".into(),
                &error,
            );
            return;
        }
    };
    let style = document
        .create_element("style")
        .expect("the document can create a <style>");
    // The tokens apply to the host element here, so a host overrides them on it.
    style.set_text_content(Some(&format!(
        // The resets first: the region's own rules (in UI_CSS) then take over from `all: initial`.
        "{}\n{EMBED_CSS}\n{UI_CSS}",
        TOKENS.replace(":root", ":host")
    )));
    let root = document
        .create_element("div")
        .expect("the document can create a <div>");
    let _ = shadow.append_child(&style);
    let _ = shadow.append_child(&root);
    let props = EmbedAppProps {
        host: host::Host::in_shadow(shadow),
    };
    yew::Renderer::<EmbedApp>::with_root_and_props(root, props).render();
}

#[derive(Properties, PartialEq)]
pub struct EmbedAppProps {
    /// The shadow root it lives in.
    pub host: host::Host,
}

/// The UI a host page embeds: the bell with its center, the pop-ups and the inspector.
#[component]
pub fn EmbedApp(props: &EmbedAppProps) -> Html {
    // The bell and its center render after the browser has painted the notification UI, so a
    // widget's first pop-up is on screen without waiting for them (as the demo's site does).
    let bell = crate::hooks::use_painted();
    html! {
        <NotificationRoot host={props.host.clone()}>
            if bell { <NotificationCenter /> }
        </NotificationRoot>
    }
}
