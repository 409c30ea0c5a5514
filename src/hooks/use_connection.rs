//! Where this browser stands with the account's server, as the person is told it: the store's
//! [`Status`], held back while it lasts less than [`SETTLE_MS`], so a blip of a second or two
//! (a restart, a dropped request retried at once) shows nothing. Back to clear shows at once.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::store::{use_notifications, Status};

/// How long a state must last before it is shown.
pub const SETTLE_MS: u32 = 2_500;

/// The connection state to show now.
#[hook]
pub fn use_connection() -> Status {
    let store = use_notifications();
    let status = {
        let model = store.model();
        model
            .connection
            .status(model.waiting(), model.server.syncs())
    };
    let shown = use_state_eq(|| Status::Clear);
    {
        let shown = shown.clone();
        let showing = *shown != Status::Clear;
        use_effect_with(status, move |&status| {
            let mut timer = None;
            if status == Status::Clear || showing {
                shown.set(status);
            } else {
                timer = Some(Timeout::new(SETTLE_MS, move || shown.set(status)));
            }
            move || drop(timer)
        });
    }
    *shown
}
