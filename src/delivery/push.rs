//! This device and the account's Web Push: the service worker (`/sw.js`) that shows pushed
//! notifications, and the device's subscription, made with the server's public key and handed to
//! the server (or taken back) when the person switches mobile push on or off.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::http::{describe, request, send, Method};
use crate::store::ServerConfig;

#[wasm_bindgen(module = "/src/snippets.js")]
extern "C" {
    #[wasm_bindgen(js_name = register)]
    fn register_worker() -> js_sys::Promise;
    #[wasm_bindgen(catch, js_name = subscribe)]
    fn subscribe_js(key: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = unsubscribe)]
    fn unsubscribe_js() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = subscribed)]
    fn subscribed_js() -> js_sys::Promise;
}

/// Why this device could not subscribe, in words the settings page explains to the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushRefusal {
    /// The browser (or the person) refused notifications for this site.
    Blocked,
    /// This browser has no Web Push.
    Unsupported,
    /// The account's server could not be reached, or refused: the text says which.
    Server(String),
    /// The browser failed for another reason: its own text.
    Device(String),
}

impl PushRefusal {
    /// Reads the first word of the snippet's error ("blocked: …").
    fn from_device(text: String) -> Self {
        match text.split_once(": ") {
            Some(("blocked", _)) => Self::Blocked,
            Some(("unsupported", _)) => Self::Unsupported,
            Some(("failed", why)) => Self::Device(why.to_owned()),
            _ => Self::Device(text),
        }
    }
}

/// Whether this device has a push subscription now.
pub async fn is_subscribed() -> bool {
    JsFuture::from(subscribed_js())
        .await
        .ok()
        .and_then(|answer| answer.as_bool())
        .unwrap_or(false)
}

/// Registers the service worker (where the browser has them), so pushes can be shown.
pub fn register() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = JsFuture::from(register_worker()).await;
    });
}

/// Subscribes this device with the server's key and hands the subscription to the server.
pub async fn subscribe(server: &ServerConfig) -> Result<(), PushRefusal> {
    let unreachable = || PushRefusal::Server("no server".to_owned());
    let key_url = server.sibling("push/key").ok_or_else(unreachable)?;
    let response = send(request(Method::GET, &key_url, server), None)
        .await
        .map_err(|f| PushRefusal::Server(f.describe()))?;
    let text = response
        .text()
        .await
        .map_err(|e| PushRefusal::Server(e.describe()))?;
    #[derive(serde::Deserialize)]
    struct Key {
        public_key: String,
    }
    let key = crate::wire::from_text::<Key>(&text)
        .map_err(PushRefusal::Server)?
        .public_key;
    let promise = subscribe_js(&key).map_err(|error| PushRefusal::from_device(describe(error)))?;
    let subscription = JsFuture::from(promise)
        .await
        .map_err(|error| PushRefusal::from_device(describe(error)))?
        .as_string()
        .unwrap_or_default();
    let url = server
        .sibling("push/subscriptions")
        .ok_or_else(unreachable)?;
    send(request(Method::POST, &url, server), Some(subscription))
        .await
        .map(drop)
        .map_err(|f| PushRefusal::Server(f.describe()))
}

/// Takes this device's subscription back, here and on the server.
pub async fn unsubscribe(server: &ServerConfig) -> Result<(), String> {
    let endpoint = JsFuture::from(unsubscribe_js().map_err(describe)?)
        .await
        .map_err(describe)?;
    let Some(endpoint) = endpoint.as_string() else {
        return Ok(()); // not subscribed here
    };
    let url = server.sibling("push/subscriptions").ok_or("no server")?;
    send(request(Method::DELETE, &url, server), Some(endpoint))
        .await
        .map(drop)
        .map_err(|f| f.describe())
}
