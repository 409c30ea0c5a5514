//! What happens when the app itself goes wrong. A panic (a bug of ours) is logged once, clearly,
//! and the shared state is marked stopped, so the loader rejects every later call with an error
//! that says so instead of handing it to an app that can no longer answer. The page, and the
//! notifications already on it, stay as they are.

use std::panic::PanicHookInfo;

use super::bindings;

/// Installs the panic hook. Call it first thing in `main`: Yew replaces any hook not set through
/// `yew::set_custom_panic_hook` when the app renders.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(on_panic));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    let message = match (info.payload_as_str(), info.location()) {
        (Some(message), Some(at)) => format!("{message} at {at}"),
        (Some(message), None) => message.to_owned(),
        (None, Some(at)) => format!("a panic at {at}"),
        (None, None) => "a panic".to_owned(),
    };
    web_sys::console::error_1(
        &format!(
            "amocrm-notify: internal error, the notification center has stopped: {message}. \
             Later calls to AMOCRM.notifications are rejected; reload the page to start again."
        )
        .into(),
    );
    bindings::stop(&message);
}
