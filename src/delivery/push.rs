//! This device and the account's Web Push: the service worker (`/sw.js`) that shows pushed
//! notifications, and the device's subscription, made with the server's public key and handed to
//! the server (or taken back) when the person switches mobile push on or off.
//!
//! Subscribing is asked for by the demo site's settings page only: the embed registers the
//! service worker and no more.
#![cfg_attr(not(feature = "demo"), allow(dead_code, unused_imports))]

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use std::rc::Rc;

use yew::Callback;

use super::http::{request, send, Method};
use crate::store::{
    Action, DevicePush, Inbox, NotificationsContext, PushRefusal, PushRequest, ServerConfig,
    SettingsAction,
};

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

/// Reads the snippet's refusal: its `refusal` names the kind, its message says why.
fn refusal_from_device(error: JsValue) -> PushRefusal {
    let kind = js_sys::Reflect::get(&error, &"refusal".into())
        .ok()
        .and_then(|kind| kind.as_string());
    match kind.as_deref() {
        Some("blocked") => PushRefusal::Blocked,
        Some("unsupported") => PushRefusal::Unsupported,
        _ => PushRefusal::Device(crate::browser::describe(&error)),
    }
}

/// Does what the page asks of this device's subscription ([`PushRequest`]), and reports what
/// came of it to the store.
pub(super) struct Device {
    store: NotificationsContext,
    dispatch: Callback<Action>,
    requests: Rc<Inbox<PushRequest>>,
}

impl Device {
    pub(super) fn new(store: NotificationsContext, dispatch: Callback<Action>) -> Self {
        Device {
            requests: store.push_requests(),
            store,
            dispatch,
        }
    }

    /// Takes the requests made since the last call, each in turn.
    pub(super) fn serve(&self) {
        for request in self.requests.take() {
            let (server, dispatch) = (
                self.store.model().settings.server.clone(),
                self.dispatch.clone(),
            );
            let refusal = self.store.model().settings.device_push.refusal.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let state = match request {
                    PushRequest::Check => DevicePush {
                        subscribed: Some(is_subscribed().await),
                        refusal,
                    },
                    PushRequest::Subscribe(preferences) => match subscribe(&server).await {
                        Ok(()) => {
                            dispatch.emit(Action::Settings(SettingsAction::SetPreferences(
                                preferences,
                            )));
                            DevicePush {
                                subscribed: Some(true),
                                refusal: None,
                            }
                        }
                        Err(refusal) => DevicePush {
                            subscribed: Some(false),
                            refusal: Some(refusal),
                        },
                    },
                    PushRequest::Unsubscribe => {
                        let _ = unsubscribe(&server).await;
                        DevicePush {
                            subscribed: Some(is_subscribed().await),
                            refusal: None,
                        }
                    }
                };
                dispatch.emit(Action::Settings(SettingsAction::DevicePush(state)));
            });
        }
    }
}

/// Whether this device has a push subscription now.
async fn is_subscribed() -> bool {
    JsFuture::from(subscribed_js())
        .await
        .ok()
        .and_then(|answer| answer.as_bool())
        .unwrap_or(false)
}

/// Registers the service worker (where the browser has them), so pushes can be shown.
pub(super) fn register() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = JsFuture::from(register_worker()).await;
    });
}

/// Subscribes this device with the server's key and hands the subscription to the server.
async fn subscribe(server: &ServerConfig) -> Result<(), PushRefusal> {
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
    let key = crate::json::from_text::<Key>(&text)
        .map_err(PushRefusal::Server)?
        .public_key;
    let promise = subscribe_js(&key).map_err(refusal_from_device)?;
    let subscription = JsFuture::from(promise)
        .await
        .map_err(refusal_from_device)?
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
async fn unsubscribe(server: &ServerConfig) -> Result<(), String> {
    let endpoint = JsFuture::from(unsubscribe_js().map_err(|e| crate::browser::describe(&e))?)
        .await
        .map_err(|e| crate::browser::describe(&e))?;
    let Some(endpoint) = endpoint.as_string() else {
        return Ok(()); // not subscribed here
    };
    let url = server.sibling("push/subscriptions").ok_or("no server")?;
    send(request(Method::DELETE, &url, server), Some(endpoint))
        .await
        .map(drop)
        .map_err(|f| f.describe())
}
