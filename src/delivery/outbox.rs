//! The outbox: each `add_*` notification made while a server is configured is POSTed to it, one
//! at a time in order, until the server accepts it (any 2xx). When the server keeps the person's
//! center (a token is configured), the changes made here (read, unread, removed, preferences)
//! follow, in order. A failure waits with backoff (and at least the server's `Retry-After`) and
//! tries again; the entries wait in the center as "pending", which storage keeps, so a reload (or
//! another tab) picks them up again. A request the server refuses as such (a 4xx other than 401,
//! 403, 408 and 429) is not sent again.
//!
//! One tab of a browser sends at a time (a Web Lock); the others wait their turn, and skip what the
//! first has sent meanwhile.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use amocrm_notify_protocol::http_api::{Changed, FilterBody, ReadChange};
use wasm_bindgen::prelude::*;
use yew::Callback;

use super::http::{request, send, Failure, Method};
use super::renew::Renewal;
use super::{sleep_until, with_lock, Backoff, Health};
use crate::json;
use crate::notification::NotificationId;
use crate::store::record::outgoing;
use crate::store::{
    Action, CenterAction, Delivery, LinkAction, NotificationsContext, Queued, Reach, ServerConfig,
    SyncOp,
};

/// The Web Lock that one tab at a time holds while it sends.
const LOCK: &str = "amocrm-notify:outbox";
/// How long the lock is held after the last request of a run.
const LINGER_MS: u32 = 100;

pub(super) struct Outbox {
    store: NotificationsContext,
    dispatch: Callback<Action>,
    health: Rc<Health>,
    renewal: Renewal,
    running: Cell<bool>,
    /// Accepted by the server, until the store has caught up with that.
    accepted: RefCell<HashSet<NotificationId>>,
    /// Changes sent, until the store has caught up with that (by key).
    synced: RefCell<HashSet<String>>,
    backoff: RefCell<Backoff>,
}

/// What to send next.
enum Job {
    /// A notification for the server to accept.
    Post {
        id: NotificationId,
        url: String,
        body: String,
    },
    /// A change to the person's center.
    Sync {
        /// Its key in the store's queue.
        key: String,
        /// How many entries it changed here: the server changing fewer means it decided
        /// otherwise for some (a later change on another device).
        changed_here: usize,
        method: Method,
        url: String,
        body: Option<String>,
    },
}

impl Outbox {
    pub(super) fn new(
        store: NotificationsContext,
        dispatch: Callback<Action>,
        health: Rc<Health>,
        renewal: Renewal,
    ) -> Self {
        Outbox {
            store,
            dispatch,
            health,
            renewal,
            running: Cell::new(false),
            accepted: RefCell::default(),
            synced: RefCell::default(),
            backoff: RefCell::default(),
        }
    }

    /// Starts sending, unless already under way or there is nothing to send.
    pub(super) fn kick(self: Rc<Self>) {
        if self.running.get() || self.next().is_none() {
            return;
        }
        self.running.set(true);
        let this = Rc::clone(&self);
        let run = Closure::once_into_js(move || {
            wasm_bindgen_futures::future_to_promise(async move {
                this.drain().await;
                // Hold the lock a moment longer: the other tabs hear what was sent (through
                // storage's BroadcastChannel) before one of them takes the lock and looks.
                gloo_timers::future::TimeoutFuture::new(LINGER_MS).await;
                this.running.set(false);
                // What came meanwhile found the outbox running: send it now.
                Rc::clone(&this).kick();
                Ok(JsValue::UNDEFINED)
            })
        });
        let lock = with_lock(LOCK, run.unchecked_ref());
        wasm_bindgen_futures::spawn_local(async move {
            // A browser without the lock API runs it at once; the promise only ends the hold.
            let _ = wasm_bindgen_futures::JsFuture::from(lock).await;
        });
    }

    /// Sends until there is nothing left (waiting out failures).
    async fn drain(&self) {
        while let Some(job) = self.next() {
            let server = self.store.model().settings.server.clone();
            let result = match job {
                Job::Post { id, url, body } => {
                    let result = send(request(Method::POST, &url, &server), Some(body)).await;
                    match result {
                        Ok(_) => {
                            self.accepted_post(id);
                            continue;
                        }
                        Err(failure) if failure.is_permanent() => {
                            self.health.report(failure.reach());
                            self.accepted.borrow_mut().insert(id.clone());
                            self.dispatch.emit(Action::Center(CenterAction::Refused(
                                id.clone(),
                                failure.describe(),
                            )));
                            continue;
                        }
                        Err(failure) => failure,
                    }
                }
                Job::Sync {
                    key,
                    changed_here,
                    method,
                    url,
                    body,
                } => {
                    let result = send(request(method.clone(), &url, &server), body).await;
                    match result {
                        Ok(response) => {
                            let answer = response.text().await.unwrap_or_default();
                            let changed = json::from_text::<Changed>(&answer)
                                .map_or(changed_here, |c| c.ids.len());
                            self.sent_sync(key, method != Method::PUT && changed < changed_here);
                            continue;
                        }
                        Err(failure) if failure.is_permanent() => {
                            self.health.report(failure.reach());
                            // Nothing to change there (an entry the server no longer has, say):
                            // the server's history is what the center shows.
                            web_sys::console::warn_1(
                                &format!(
                                    "amocrm-notify: the account's server did not take a change to the center ({})",
                                    failure.describe()
                                )
                                .into(),
                            );
                            self.sent_sync(key, true);
                            continue;
                        }
                        Err(failure) => failure,
                    }
                }
            };
            self.wait_out(result, &server).await;
        }
    }

    /// A request failed but may pass later: says so, asks for a new token after a 401, and waits
    /// (at least the server's `Retry-After`; less once a new token or the network comes back).
    async fn wait_out(&self, failure: Failure, server: &ServerConfig) {
        self.health.report(failure.reach());
        if let Some((code, message)) = failure.refusal() {
            self.renewal.refused(server.token.as_deref(), code, message);
        }
        // The widgets hear it, and calls made meanwhile hear it at once (the store keeps why).
        self.dispatch
            .emit(Action::Center(CenterAction::Undelivered(Some(
                failure.describe(),
            ))));
        // A server that says when to come back (429, 503) is taken at its word: the backoff
        // grows only for failures that say nothing.
        let delay = match failure.retry_after_ms() {
            Some(wait) => wait,
            None => self.backoff.borrow_mut().next_delay_ms(),
        };
        // A new token, the browser back online, or the stream reaching the server again ends the
        // wait at once (a server's own Retry-After aside).
        let token = server.token.clone();
        let was = self.store.model().link.connection;
        let honour_wait = failure.retry_after_ms().is_some();
        sleep_until(delay, || {
            let model = self.store.model();
            let now = model.link.connection;
            !honour_wait
                && (model.settings.server.token != token
                    || (!was.online && now.online)
                    || (was.reach != Reach::Answered && now.reach == Reach::Answered))
        })
        .await;
    }

    fn accepted_post(&self, id: NotificationId) {
        self.succeeded();
        self.accepted.borrow_mut().insert(id.clone());
        self.dispatch.emit(Action::Center(CenterAction::SetDelivery(
            id,
            Delivery::Delivered,
        )));
    }

    fn sent_sync(&self, key: String, overruled: bool) {
        self.succeeded();
        self.synced.borrow_mut().insert(key.clone());
        self.dispatch
            .emit(Action::Link(LinkAction::Sent { key, overruled }));
    }

    fn succeeded(&self) {
        self.health.report(Reach::Answered);
        self.backoff.borrow_mut().reset();
        if self.store.model().center.undelivered.is_some() {
            self.dispatch
                .emit(Action::Center(CenterAction::Undelivered(None)));
        }
    }

    /// The oldest notification still waiting, else the oldest change for the server.
    fn next(&self) -> Option<Job> {
        let model = self.store.model();
        // Removed while waiting: it will not be sent, and its widget's callbacks are let go.
        let gone: Vec<NotificationId> = model
            .center
            .unsent
            .iter()
            .filter(|id| model.center.get(id).is_none())
            .cloned()
            .collect();
        let model = if gone.is_empty() {
            model
        } else {
            drop(model);
            for id in gone {
                self.dispatch.emit(Action::Center(CenterAction::SetDelivery(
                    id,
                    Delivery::Local,
                )));
            }
            self.store.model()
        };
        let server = &model.settings.server;
        let endpoint = server.endpoint.as_ref()?.as_str().to_owned();
        let mut accepted = self.accepted.borrow_mut();
        accepted.retain(|id| model.center.unsent.contains(id));
        let entry = model.center.unsent.iter().find_map(|id| {
            let entry = model.center.get(id)?;
            (entry.delivery == Delivery::Pending && !accepted.contains(id)).then_some(entry)
        });
        if let Some(entry) = entry {
            let body = json::to_text(&outgoing(entry, model.settings.channels.active(server)));
            return Some(Job::Post {
                id: entry.id().clone(),
                url: endpoint,
                body,
            });
        }
        // Changes already sent may still be in the store until it has applied `SyncSent`.
        let mut synced = self.synced.borrow_mut();
        synced.retain(|key| model.link.changes.iter().any(|q| q.key == *key));
        let queued = model
            .link
            .changes
            .iter()
            .find(|q| !synced.contains(&q.key))?;
        Some(sync_job(queued, &endpoint, server))
    }
}

/// The request that tells the server about the change `queued`, with the time it was made.
fn sync_job(queued: &Queued, endpoint: &str, server: &ServerConfig) -> Job {
    let endpoint = endpoint.trim_end_matches('/');
    let at = Some(queued.at);
    let filter = |filter| Some(json::to_text(&FilterBody { filter, at }));
    let (method, url, body) = match &queued.op {
        SyncOp::Read(ids, read) => (
            Method::POST,
            format!("{endpoint}/read"),
            Some(json::to_text(&ReadChange {
                ids: ids.iter().map(ToString::to_string).collect(),
                read: *read,
                at,
            })),
        ),
        SyncOp::Remove(id) => (
            Method::DELETE,
            format!(
                "{endpoint}/{}",
                String::from(js_sys::encode_uri_component(id.as_str()))
            ),
            None,
        ),
        SyncOp::ReadAll(f) => (Method::POST, format!("{endpoint}/read-all"), filter(*f)),
        SyncOp::ClearRead(f) => (Method::POST, format!("{endpoint}/clear-read"), filter(*f)),
        SyncOp::Preferences(preferences) => (
            Method::PUT,
            server.sibling("preferences").unwrap_or_default(),
            Some(json::to_text(preferences)),
        ),
    };
    Job::Sync {
        key: queued.key.clone(),
        changed_here: queued.ids.len(),
        method,
        url,
        body,
    }
}
