//! Keeping the person signed in: a new token shortly before the current one's `exp` and whenever
//! the server refuses it (401), from the page's `renew_token`; without one, the
//! `amocrm-notify:unauthorized` event, once per refused token, and the "signed out" state until
//! the page calls `configure({ token })`.
//!
//! Once per expiry, not once per tab: the renewal runs under a Web Lock, and a token renewed (or
//! configured) in one tab reaches the others on a `BroadcastChannel`; a tab that gets the lock
//! after another renewed finds the new token already there and asks for none.
//!
//! Nothing waiting is lost meanwhile: the outbox keeps its queue and tries again with the new
//! token.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{with_lock, Health};
use crate::api;
use crate::api::config::{token_change, RenewalReason};
use crate::store::{NotificationsContext, Reach, SettingsAction};

/// The Web Lock a tab holds while it renews.
const LOCK: &str = "amocrm-notify:token";
/// The channel that carries a new token to the other tabs.
const CHANNEL: &str = "amocrm-notify:token";
/// The soonest a refused token is renewed again after a failed renewal.
const RETRY_MS: f64 = 5_000.0;

#[derive(Clone)]
pub(crate) struct Renewal(Rc<Inner>);

struct Inner {
    store: NotificationsContext,
    health: Rc<Health>,
    running: Cell<bool>,
    /// The token the page was last told about (the event), so it is told once per token.
    announced: RefCell<Option<String>>,
    /// The token last heard from another tab: taking it is no news to post back.
    heard: Rc<RefCell<Option<String>>>,
    /// Renews shortly before the current token's `exp`.
    timer: RefCell<Option<Timeout>>,
    last_attempt: Cell<f64>,
    channel: Option<web_sys::BroadcastChannel>,
    _listener: Option<EventListener>,
}

impl Renewal {
    pub(super) fn new(store: NotificationsContext, health: Rc<Health>) -> Self {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        let heard = Rc::new(RefCell::new(None));
        let listener = channel.as_ref().map(|channel| {
            let (store, heard) = (store.clone(), Rc::clone(&heard));
            EventListener::new(channel, "message", move |event| {
                let token = event
                    .dyn_ref::<web_sys::MessageEvent>()
                    .and_then(|e| e.data().as_string());
                if let Some(Ok(change)) = token.map(token_change) {
                    heard.replace(change.token.clone().flatten());
                    store.dispatch(SettingsAction::Configure(change).into());
                }
            })
        });
        Renewal(Rc::new(Inner {
            store,
            health,
            running: Cell::new(false),
            announced: RefCell::default(),
            heard,
            timer: RefCell::default(),
            last_attempt: Cell::new(f64::NEG_INFINITY),
            channel,
            _listener: listener,
        }))
    }

    /// The person's token changed (configured, or renewed here or in another tab): a new one
    /// goes to the other tabs, and its renewal is set for shortly before its `exp`.
    pub(super) fn token_changed(&self, token: Option<&str>) {
        let inner = &self.0;
        inner.timer.replace(None);
        let Some(token) = token else {
            return;
        };
        if inner.heard.borrow().as_deref() != Some(token) {
            if let Some(channel) = &inner.channel {
                let _ = channel.post_message(&token.into());
            }
        }
        let Some(delay) = renew_in_ms(token, crate::browser::now_ms()) else {
            return;
        };
        let this = self.clone();
        let timer = Timeout::new(delay, move || {
            if this.0.store.model().settings.renewer.is_some() {
                this.renew(RenewalReason::Expiring);
            }
        });
        inner.timer.replace(Some(timer));
    }

    /// The server refused `token` (401), with its error `code` and `message`.
    pub(super) fn refused(&self, token: Option<&str>, code: &str, message: &str) {
        let (current, renewable) = {
            let settings = &self.0.store.model().settings;
            (settings.server.token.clone(), settings.renewer.is_some())
        };
        if current.as_deref() != token {
            return; // renewed meanwhile: the next try uses the new one
        }
        if renewable {
            self.renew(RenewalReason::Refused);
        } else {
            self.announce(token, code, message);
        }
    }

    /// The person is signed out until a new token comes: the state says so, and the page hears
    /// it once for this token.
    fn announce(&self, token: Option<&str>, code: &str, message: &str) {
        let inner = &self.0;
        inner.health.report(Reach::Refused);
        let token = token.map(str::to_owned);
        if *inner.announced.borrow() != token {
            inner.announced.replace(token);
            api::unauthorized(code, message);
        }
    }

    /// Asks the page for a new token, under the lock, unless one is under way, another tab has
    /// renewed it meanwhile, or the last attempt just failed.
    fn renew(&self, reason: RenewalReason) {
        let inner = &self.0;
        let now = crate::browser::now_ms();
        if inner.running.get() || now - inner.last_attempt.get() < RETRY_MS {
            return;
        }
        inner.running.set(true);
        let asked_for = inner.store.model().settings.server.token.clone();
        let this = self.clone();
        let run = Closure::once_into_js(move || {
            wasm_bindgen_futures::future_to_promise(async move {
                let inner = &this.0;
                let (current, renewer) = {
                    let settings = &inner.store.model().settings;
                    (settings.server.token.clone(), settings.renewer.clone())
                };
                let renewed_elsewhere = current != asked_for
                    || (reason == RenewalReason::Expiring
                        && current
                            .as_deref()
                            .and_then(|t| renew_in_ms(t, crate::browser::now_ms()))
                            .is_some_and(|wait| wait > 0));
                if !renewed_elsewhere {
                    inner.last_attempt.set(crate::browser::now_ms());
                    let renewed = match &renewer {
                        Some(renewer) => api::renew_token(renewer, reason, current.as_deref())
                            .await
                            .map(Some),
                        None => Ok(None),
                    };
                    match renewed {
                        Ok(Some(change)) => inner
                            .store
                            .dispatch(SettingsAction::Configure(change).into()),
                        Ok(None) => this.announce(
                            asked_for.as_deref(),
                            "unauthorized",
                            "the server refused the token",
                        ),
                        Err(message) => {
                            web_sys::console::error_1(&message.as_str().into());
                            if reason == RenewalReason::Expiring {
                                // Asked early: the token in use still works, so the page hears it
                                // and the screen stays as it is (the README's promise).
                                api::unauthorized("renewal_failed", &message);
                            } else {
                                this.announce(asked_for.as_deref(), "renewal_failed", &message);
                            }
                        }
                    }
                    // Hold the lock a moment: the other tabs hear the new token before one of
                    // them takes the lock and looks.
                    gloo_timers::future::TimeoutFuture::new(100).await;
                }
                inner.running.set(false);
                Ok(JsValue::UNDEFINED)
            })
        });
        let lock = with_lock(LOCK, run.unchecked_ref());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(lock).await;
        });
    }
}

/// When to renew `token`, in ms from `now_ms`: a fifth of its life before its `exp` (at least
/// 2 s, at most a minute), read from the token without verifying it. `None` for a token without a
/// readable `exp`; 0 when that time has passed.
pub(super) fn renew_in_ms(token: &str, now_ms: f64) -> Option<u32> {
    let claims = crate::token::claims(token)?;
    let exp_ms = claims.exp? * 1000.0;
    let life_ms = claims
        .iat
        .map_or(exp_ms - now_ms, |iat| exp_ms - iat * 1000.0);
    let margin = (life_ms / 5.0).clamp(2_000.0, 60_000.0);
    Some((exp_ms - margin - now_ms).clamp(0.0, f64::from(i32::MAX as u32)) as u32)
}
