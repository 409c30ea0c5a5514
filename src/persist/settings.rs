//! The channel switches, kept in localStorage: small, and wanted before the first render.

use crate::store::Channels;

/// The localStorage key of the channel switches.
pub(crate) const CHANNELS_KEY: &str = "amocrm-notify:channels";

/// localStorage, where the browser allows it (it may throw on access).
pub(super) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub(super) fn read_channels() -> Channels {
    local_storage()
        .and_then(|storage| storage.get_item(CHANNELS_KEY).ok().flatten())
        .map(|stored| Channels::from_stored(&stored))
        .unwrap_or_default()
}
