//! What localStorage keeps: the channel switches (small, and wanted before the first render) and
//! the person's preferences as last had from the server.

use amocrm_notify_protocol::http_api::Preferences;

use crate::browser::{store, stored};
use crate::store::Channels;

/// The localStorage key of the channel switches.
pub(crate) const CHANNELS_KEY: &str = "amocrm-notify:channels";

pub(super) fn read_channels() -> Channels {
    stored(CHANNELS_KEY)
        .map(|stored| Channels::from_stored(&stored))
        .unwrap_or_default()
}

pub(super) fn write_channels(channels: Channels) {
    store(CHANNELS_KEY, &channels.to_stored());
}

/// The localStorage key of the person's preferences as this browser last knew them: shown when a
/// reload finds the server away, until it answers.
pub(crate) const PREFERENCES_KEY: &str = "amocrm-notify:preferences";

/// The stored preferences and whose they are (the token's subject): one person's choices are never
/// shown to another who signs in on this browser.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredPreferences {
    person: String,
    preferences: Preferences,
}

/// `person`'s stored preferences, if this browser has theirs.
pub(super) fn read_preferences(person: &str) -> Option<Preferences> {
    let text = stored(PREFERENCES_KEY)?;
    let stored: StoredPreferences = crate::json::from_text(&text).ok()?;
    (stored.person == person).then_some(stored.preferences)
}

pub(super) fn write_preferences(person: &str, preferences: &Preferences) {
    let stored = StoredPreferences {
        person: person.to_owned(),
        preferences: preferences.clone(),
    };
    store(PREFERENCES_KEY, &crate::json::to_text(&stored));
}
