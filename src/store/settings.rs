//! The model's slice for the settings: the account's server as the page configures it, the
//! channels switched on in this browser, this device's push subscription, and the person's
//! preferences as the server keeps them.

use amocrm_notify_protocol::http_api::Preferences;

use super::channels::{
    Channels, ConfigChange, DeliveryChannel, DevicePush, PushRequest, Renewer, ServerConfig,
};
use super::effects::Applied;
use super::replace;
use super::sync::SyncOp;

#[derive(Clone, Debug, PartialEq)]
pub enum SettingsAction {
    /// The page named (or renamed) the account's server, or the person's token was renewed.
    Configure(ConfigChange),
    /// A switch on the settings page.
    SetChannel(DeliveryChannel, bool),
    /// The channels as stored, or as another tab set them.
    SetChannels(Channels),
    /// The settings page asks something of this device's push subscription.
    Push(PushRequest),
    /// What delivery found or made of this device's push subscription.
    DevicePush(DevicePush),
    /// The person changed their preferences here.
    SetPreferences(Preferences),
    /// The person's preferences as this browser last had them from the server: shown until the
    /// server's come (the server away at a reload), never over them.
    StoredPreferences(Preferences),
}

#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The account's server, when the page names one.
    pub server: ServerConfig,
    /// The delivery channels switched on in this browser.
    pub channels: Channels,
    /// This device's push subscription.
    pub device_push: DevicePush,
    /// The person's preferences, as the server keeps them (only when it syncs).
    pub preferences: Option<Preferences>,
    /// Where a new token comes from, when the page named one.
    pub renewer: Option<Renewer>,
}

impl Settings {
    /// Applies `action`.
    pub(super) fn update(&mut self, action: SettingsAction) -> Applied {
        match action {
            SettingsAction::Configure(change) => {
                if let Some(renewer) = change.renewer.clone() {
                    self.renewer = renewer; // read when a token is renewed, never shown
                }
                let server = change.applied_to(&self.server);
                Applied::changed(replace(&mut self.server, server))
            }
            SettingsAction::SetChannel(channel, on) => {
                Applied::changed(self.channels.set(channel, on, &self.server))
            }
            SettingsAction::SetChannels(channels) => {
                Applied::changed(replace(&mut self.channels, channels))
            }
            SettingsAction::Push(request) => {
                if let PushRequest::Subscribe(_) = request {
                    self.device_push.refusal = None;
                }
                Applied {
                    push: vec![request],
                    ..Applied::changed(true)
                }
            }
            SettingsAction::DevicePush(state) => {
                Applied::changed(replace(&mut self.device_push, state))
            }
            SettingsAction::SetPreferences(preferences) => {
                // A choice made since: an earlier push refusal is no longer the news.
                let cleared = self.device_push.refusal.take().is_some();
                let changed = self.show(preferences.clone());
                let tell = match changed {
                    true => vec![(SyncOp::Preferences(preferences), Vec::new())],
                    false => Vec::new(),
                };
                Applied {
                    tell,
                    ..Applied::changed(changed || cleared)
                }
            }
            SettingsAction::StoredPreferences(preferences) => {
                Applied::changed(self.preferences.is_none() && self.show(preferences))
            }
        }
    }

    /// Shows `preferences` as the person's; whether that changed anything.
    pub(super) fn show(&mut self, preferences: Preferences) -> bool {
        replace(&mut self.preferences, Some(preferences))
    }
}
