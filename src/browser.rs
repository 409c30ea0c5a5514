//! The browser beyond the DOM the components render: the clock and the time zone, the page's
//! languages, the clipboard, whether the page is hidden, the system notifications' permission.
//! Stores, models, i18n and components ask here rather than reaching into JavaScript themselves;
//! the JS API (`api/bindings`), storage (`persist/`) and delivery (`delivery/`) keep their own
//! bindings, each behind its module.
//!
//! Outside a browser (the native tests) the clock and the time zone have fixed answers and the
//! rest answer "nothing there".

/// Milliseconds since the epoch (`Date.now()`).
pub(crate) fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// A short random id for this tab (this page's life), e.g. `k3j9x2`; fixed outside a browser.
pub(crate) fn tab_id() -> String {
    if !cfg!(target_arch = "wasm32") {
        return "native".into();
    }
    base36((js_sys::Math::random() * 2_176_782_336.0) as u64) // below 36^6: up to 6 digits
}

/// `n` in base 36, lower case (`0`-`9`, `a`-`z`): the short ids of tabs and sessions.
pub(crate) fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.into_iter().rev().collect()
}

/// A random fraction in [0, 1): backoff's jitter. A half outside a browser.
pub(crate) fn random() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Math::random()
    } else {
        0.5
    }
}

/// The time zone at `date_ms`: minutes west of UTC (`Date.getTimezoneOffset`); UTC outside a
/// browser.
pub(crate) fn utc_offset_min(date_ms: f64) -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::new(&date_ms.into()).get_timezone_offset()
    } else {
        0.0
    }
}

/// The device's time zone, an IANA name ("Europe/Moscow"), for the dates in the person's emails;
/// nothing outside a browser or where the browser does not say.
pub(crate) fn time_zone() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        #[wasm_bindgen::prelude::wasm_bindgen(module = "/src/snippets.js")]
        extern "C" {
            fn time_zone() -> String;
        }
        Some(time_zone()).filter(|zone| amocrm_notify_protocol::http_api::is_time_zone_name(zone))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// A finite number's shortest text, as JavaScript's `String(n)` writes it: the browser's own
/// (the wasm build then carries no float formatting), Rust's natively, which agree for the
/// numbers widgets pass.
/// What a browser API threw or rejected with, for people: its message ("Failed to fetch"), the
/// text itself when a string was thrown, else its JSON, else "an exception".
pub(crate) fn describe(thrown: &wasm_bindgen::JsValue) -> String {
    let text = |value: wasm_bindgen::JsValue| value.as_string();
    js_sys::Reflect::get(thrown, &"message".into())
        .ok()
        .and_then(text)
        .or_else(|| thrown.as_string())
        .or_else(|| {
            js_sys::JSON::stringify(thrown)
                .ok()
                .and_then(|t| text(t.into()))
        })
        .unwrap_or_else(|| "an exception".into())
}

/// The `name` of what a browser API threw ("QuotaExceededError"), if it has one.
pub(crate) fn error_name(thrown: &wasm_bindgen::JsValue) -> Option<String> {
    js_sys::Reflect::get(thrown, &"name".into())
        .ok()?
        .as_string()
}

pub(crate) fn number_text(n: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{n}")
    }
}

/// The page's own language (`<html lang>`, when set) and the person's (`navigator.languages`).
pub(crate) fn languages() -> (Option<String>, Vec<String>) {
    let Some(window) = web_sys::window() else {
        return (None, Vec::new());
    };
    let page = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .filter(|lang| !lang.trim().is_empty());
    // `navigator.languages`, read without the web-sys Navigator binding.
    let languages = js_sys::Reflect::get(&window, &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"languages".into()))
        .unwrap_or_default();
    let person = if js_sys::Array::is_array(&languages) {
        js_sys::Array::from(&languages)
            .iter()
            .filter_map(|l| l.as_string())
            .collect()
    } else {
        Vec::new()
    };
    (page, person)
}

/// The viewport's width in CSS pixels (0 outside a browser).
pub(crate) fn viewport_width() -> f64 {
    web_sys::window()
        .and_then(|window| window.inner_width().ok())
        .and_then(|width| width.as_f64())
        .unwrap_or(0.0)
}

/// The viewport's height in CSS pixels (0 outside a browser).
pub(crate) fn viewport_height() -> f64 {
    web_sys::window()
        .and_then(|window| window.inner_height().ok())
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0)
}

/// A small value this browser keeps (localStorage), where the browser allows it.
pub(crate) fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Keeps a small value in this browser (localStorage); nothing where the browser refuses.
pub(crate) fn store(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets a value [`store`] kept.
#[cfg(feature = "demo")]
pub(crate) fn unstore(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// localStorage, where the browser allows it (it may throw on access): the one place that opens it.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Sets the page's `lang` and remembers it as the person's choice (read by `index.html` before the
/// first paint).
pub(crate) fn set_page_language(tag: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", tag);
    }
    store("amocrm-notify:language", tag);
}

/// The value of `name` in a query string (`?a=1&b=2`, the `?` optional), decoded as a form sends
/// it (`+` for a space, then percent-escapes); `Some("")` when it is there without a value. The
/// one reader of query strings: the page's own ([`page_query`]) and the router's.
pub(crate) fn query_value(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| form_value(value))
    })
}

/// The value of `name` in this page's address ([`query_value`]).
pub(crate) fn page_query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    query_value(&search, name)
}

/// A query value as a form sends it: `+` for a space, then percent-escapes (UTF-8); the text as
/// it is when the escapes are broken.
fn form_value(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    js_sys::decode_uri_component(&spaced)
        .map(String::from)
        .unwrap_or(spaced)
}

#[cfg(feature = "demo")]
/// Asks the browser for permission to show system notifications; whether it was granted.
pub(crate) async fn request_notification_permission() -> bool {
    let Ok(promise) = web_sys::Notification::request_permission() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|answer| answer.as_string())
        .is_some_and(|answer| answer == "granted")
}

/// Dispatches a cancellable event on `window` whose `detail` is `{ url, external }`; false when a
/// listener cancelled it.
pub(crate) fn announce_navigation(event_name: &str, url: &str, external: bool) -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"url".into(), &url.into());
    let _ = js_sys::Reflect::set(&detail, &"external".into(), &external.into());
    let init = web_sys::CustomEventInit::new();
    init.set_cancelable(true);
    init.set_detail(&detail);
    match web_sys::CustomEvent::new_with_event_init_dict(event_name, &init) {
        Ok(event) => window.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// A computed CSS length ("12.5px") in pixels; nothing for anything else ("none", "auto"). Read
/// by the browser's `parseFloat`: Rust's exact float parser would add its 10 KB of tables.
pub(crate) fn css_pixels(value: &str) -> Option<f64> {
    let px = js_sys::parse_float(value.trim().strip_suffix("px")?);
    px.is_finite().then_some(px)
}

#[cfg(feature = "demo")]
/// The key of the person's colour scheme in localStorage (read by `index.html` before first paint).
const THEME_KEY: &str = "amocrm-notify:theme";

/// The page's `data-theme` (`light`, `dark`), when it has one.
pub(crate) fn page_theme() -> Option<String> {
    web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("data-theme")
}

#[cfg(feature = "demo")]
/// Sets the page's `data-theme` (or removes it, for the system's scheme) and remembers the choice.
pub(crate) fn set_page_theme(theme: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Some(theme) => html.set_attribute("data-theme", theme),
            None => html.remove_attribute("data-theme"),
        };
    }
    match theme {
        Some(theme) => store(THEME_KEY, theme),
        None => unstore(THEME_KEY),
    }
}

/// `navigator.clipboard.writeText(text)`, where the page may use it.
pub(crate) fn copy_text(text: &str) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let clipboard = js_sys::Reflect::get(&window, &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()));
    if let Ok(clipboard) = clipboard {
        if let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) {
            if let Some(write) = write.dyn_ref::<js_sys::Function>() {
                let _ = write.call1(&clipboard, &text.into());
            }
        }
    }
}

/// Whether the page is hidden (another tab in front, the window minimised).
pub(crate) fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Runs `then` once the browser has painted the next frame: in a task after the next animation
/// frame, or at once in a task when the page is hidden (hidden pages paint no frames).
pub(crate) fn after_next_paint(then: impl FnOnce() + 'static) {
    before_next_frame(move || {
        gloo_timers::callback::Timeout::new(0, then).forget();
    });
}

/// Runs `then` in the next animation frame, before the browser lays the page out and paints it; at
/// once when the page is hidden (hidden pages run no frames). Reading layout there costs nothing
/// extra: the frame would lay the page out anyway, where reading it right after a render forces a
/// layout of its own.
pub(crate) fn before_next_frame(then: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    if page_hidden() {
        return then();
    }
    let frame = Closure::once_into_js(then);
    // `requestAnimationFrame` only throws in a document without a window, which renders nothing.
    let _ = gloo_utils::window().request_animation_frame(frame.unchecked_ref());
}

/// `"granted"`, `"denied"`, `"default"`, or `None` where the browser has no Notification API.
pub(crate) fn notification_permission() -> Option<web_sys::NotificationPermission> {
    let window = web_sys::window()?;
    let supported = js_sys::Reflect::has(&window, &"Notification".into()).unwrap_or(false);
    supported.then(web_sys::Notification::permission)
}
