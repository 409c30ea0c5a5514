//! The outbox: each `add_*` notification made while a server is configured is POSTed to it, one
//! at a time in order, until the server accepts it (any 2xx). A failure waits with backoff and
//! tries again; the entries wait in the center as "pending", which storage keeps, so a reload (or
//! another tab) picks them up again.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use gloo_net::http::Request;
use yew::Callback;

use super::Backoff;
use crate::api;
use crate::notification::NotificationId;
use crate::store::record::outgoing;
use crate::store::{Action, Delivery, NotificationsContext};
use crate::wire;

pub struct Outbox {
    store: NotificationsContext,
    dispatch: Callback<Action>,
    running: Cell<bool>,
    /// Why the last attempt failed, until one succeeds: calls made meanwhile hear it at once.
    down: RefCell<Option<String>>,
    /// Accepted by the server, until the store has caught up with that.
    accepted: RefCell<HashSet<NotificationId>>,
    backoff: RefCell<Backoff>,
}

impl Outbox {
    pub fn new(store: NotificationsContext, dispatch: Callback<Action>) -> Self {
        Outbox {
            store,
            dispatch,
            running: Cell::new(false),
            down: RefCell::default(),
            accepted: RefCell::default(),
            backoff: RefCell::default(),
        }
    }

    /// Starts sending, unless already under way or there is nothing to send.
    pub fn kick(self: Rc<Self>) {
        if let Some(why) = &*self.down.borrow() {
            api::queued(why);
        }
        if self.running.get() || self.next().is_none() {
            return;
        }
        self.running.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            while let Some((id, endpoint, body)) = self.next() {
                match post(&endpoint, body).await {
                    Ok(()) => {
                        self.backoff.borrow_mut().reset();
                        self.down.replace(None);
                        self.accepted.borrow_mut().insert(id.clone());
                        self.dispatch
                            .emit(Action::SetDelivery(id.clone(), Delivery::Delivered));
                        api::delivered(&id);
                    }
                    Err(why) => {
                        api::queued(&why);
                        self.down.replace(Some(why));
                        let delay = self.backoff.borrow_mut().next_delay_ms();
                        gloo_timers::future::TimeoutFuture::new(delay).await;
                    }
                }
            }
            self.running.set(false);
        });
    }

    /// The oldest entry still waiting, with where and what to send.
    fn next(&self) -> Option<(NotificationId, String, String)> {
        let model = self.store.model();
        let endpoint = model.server.endpoint.as_ref()?.as_str().to_owned();
        let mut accepted = self.accepted.borrow_mut();
        accepted.retain(|id| model.outbox.contains(id));
        let entry = model.outbox.iter().find_map(|id| {
            let entry = model.center.get(id)?;
            (entry.delivery == Delivery::Pending && !accepted.contains(id)).then_some(entry)
        })?;
        let body = wire::to_text(&outgoing(entry, model.channels.active(&model.server)));
        Some((entry.id().clone(), endpoint, body))
    }
}

/// POSTs `body`; `Err` says why it was not accepted.
async fn post(endpoint: &str, body: String) -> Result<(), String> {
    let response = Request::post(endpoint)
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| format!("the server could not be reached: {e}"))?;
    if response.ok() {
        Ok(())
    } else {
        Err(format!("the server answered {}", response.status()))
    }
}
