//! Where this browser stands with the account's server, as the person is told it: the store's
//! [`Status`], held back until the trouble has lasted [`SETTLE_MS`], so a blip of a second or two
//! (a restart, a dropped request retried at once) shows nothing. Back to clear shows at once. The
//! wait counts from when the trouble began (the store keeps that), so a center opened later shows
//! the state at once.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::store::{use_notifications, Status};

/// How long trouble must last before it is shown.
pub(crate) const SETTLE_MS: u32 = 2_500;

/// The connection state to show now.
#[hook]
pub fn use_connection() -> Status {
    let store = use_notifications();
    let (status, since) = {
        let model = store.model();
        (
            model
                .link
                .connection
                .status(model.waiting(), model.settings.server.syncs()),
            model.link.connection.trouble_since,
        )
    };
    let tick = use_force_update();
    let left = match (status, since) {
        (Status::Clear, _) => 0.0,
        (_, Some(since)) => f64::from(SETTLE_MS) - (crate::browser::now_ms() - since),
        (_, None) => 0.0,
    };
    use_effect_with((since, left > 0.0), move |&(_, waiting)| {
        let timer = waiting.then(|| Timeout::new(left.ceil() as u32, move || tick.force_update()));
        move || drop(timer)
    });
    if left > 0.0 {
        Status::Clear
    } else {
        status
    }
}
