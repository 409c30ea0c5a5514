//! Helpers for the browser tests: mounting the notification UI, running page JavaScript,
//! watching the console, and waiting for the DOM without fixed sleeps.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use amocrm_notify::components::{NotificationCenter, NotificationRoot};

#[wasm_bindgen(inline_js = r#"
export function spy_console() {
  if (window.__consoleSpy) { window.__consoleSpy.length = 0; return; }
  window.__consoleSpy = [];
  for (const level of ["error", "warn"]) {
    const original = console[level].bind(console);
    console[level] = (...args) => { window.__consoleSpy.push(level + ": " + args.map(String).join(" ")); original(...args); };
  }
}
export function console_lines() { return (window.__consoleSpy || []).slice(); }
"#)]
extern "C" {
    fn spy_console();
    fn console_lines() -> Vec<String>;
}

/// The whole notification UI without the demo's router and pages.
#[component]
pub fn Harness() -> Html {
    html! {
        <NotificationRoot services=false>
            <NotificationCenter />
        </NotificationRoot>
    }
}

/// A mounted [`Harness`]; unmount it (detaching the shim) with [`Mounted::unmount`].
pub struct Mounted {
    handle: yew::AppHandle<Harness>,
    root: Element,
}

impl Mounted {
    pub async fn unmount(self) {
        self.handle.destroy();
        self.root.remove();
        flush().await;
    }
}

pub async fn mount() -> Mounted {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<Harness>::with_root(root.clone()).render();
    flush().await;
    Mounted { handle, root }
}

pub async fn flush() {
    yew::scheduler::flush().await;
    // Callbacks run on the microtask queue; let them through too.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED))
        .await
        .unwrap();
    yew::scheduler::flush().await;
}

/// Runs `code` in the page, as a widget's script would.
pub fn js(code: &str) -> JsValue {
    js_sys::eval(code).unwrap_or_else(|e| panic!("script failed: {e:?}\n{code}"))
}

/// Starts recording console.error / console.warn lines (from now on).
pub fn watch_console() {
    spy_console();
}

/// The console lines recorded since [`watch_console`], as "error: ..." / "warn: ...".
pub fn console() -> Vec<String> {
    console_lines()
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn query(selector: &str) -> Option<Element> {
    document().query_selector(selector).unwrap()
}

pub fn query_all(selector: &str) -> Vec<Element> {
    let list = document().query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// The pop-up of notification `id`, if it is on screen.
pub fn popup_by_id(id: &str) -> Option<Element> {
    query(&format!("#amocrm-notify-popups [data-id='{id}']"))
}

/// Clicks the close button of every pop-up on screen.
pub fn close_all_popups() {
    js("document.querySelectorAll('#amocrm-notify-popups .an-popup__close').forEach(b => b.click())");
}

/// The text of each pop-up on screen, oldest first.
pub fn popup_texts() -> Vec<String> {
    query_all("#amocrm-notify-popups [data-id] .an-popup__text")
        .iter()
        .filter_map(|e| e.text_content())
        .collect()
}

pub fn text(selector: &str) -> String {
    query(selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub fn click(selector: &str) {
    query(selector)
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

/// Polls `check` until it holds, failing after three seconds with `what`.
pub async fn wait_until(what: &str, check: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    while !check() {
        assert!(
            js_sys::Date::now() - start < 3_000.0,
            "timed out waiting until {what}"
        );
        TimeoutFuture::new(20).await;
        flush().await;
    }
}

/// Resets the page's globals to a page that never had the API, then runs the loader script.
pub fn fresh_page_with_loader(before: &str) {
    js(&format!(
        "delete window.AMOCRM; delete window.APP; {before}"
    ));
    js(include_str!("../../assets/loader.js"));
}

/// A bubbling `keydown` of `key` on `target`, as a keyboard press would send.
pub fn press(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// The focused element.
pub fn focused() -> Option<Element> {
    document().active_element()
}
