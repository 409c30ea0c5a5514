//! Where notifications go besides this page: the delivery channels a person switches on, and the
//! account's server that delivers the ones a browser cannot.

use crate::notification::Link;

/// Where notifications reach the person: the settings page's channels. Two of them are the
/// server's ([`amocrm_notify_protocol::channel::Channel`], what became of an entry on each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeliveryChannel {
    /// Pop-ups and the center: always on.
    Interface,
    /// The system's notifications (the Notification API), while the page is hidden.
    Browser,
    /// Delivered by the account's server.
    Email,
    /// Delivered by the account's server.
    Push,
}

impl DeliveryChannel {
    pub const ALL: [DeliveryChannel; 4] = [
        DeliveryChannel::Interface,
        DeliveryChannel::Browser,
        DeliveryChannel::Email,
        DeliveryChannel::Push,
    ];

    /// The name in stored settings and in the server's requests.
    pub fn name(self) -> &'static str {
        match self {
            DeliveryChannel::Interface => "interface",
            DeliveryChannel::Browser => "browser",
            DeliveryChannel::Email => "email",
            DeliveryChannel::Push => "push",
        }
    }

    /// Only the account's server can deliver it.
    pub fn needs_server(self) -> bool {
        matches!(self, DeliveryChannel::Email | DeliveryChannel::Push)
    }
}

/// The switches, as stored per browser. Interface is always on and not stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Channels {
    pub browser: bool,
    pub email: bool,
    pub push: bool,
}

impl Channels {
    pub fn is_on(&self, channel: DeliveryChannel) -> bool {
        match channel {
            DeliveryChannel::Interface => true,
            DeliveryChannel::Browser => self.browser,
            DeliveryChannel::Email => self.email,
            DeliveryChannel::Push => self.push,
        }
    }

    /// Switches `channel`; false when that changes nothing or is not allowed (Interface off, or a
    /// server channel without a server).
    pub fn set(&mut self, channel: DeliveryChannel, on: bool, server: &ServerConfig) -> bool {
        if on && channel.needs_server() && !server.delivers() {
            return false;
        }
        let slot = match channel {
            DeliveryChannel::Interface => return false,
            DeliveryChannel::Browser => &mut self.browser,
            DeliveryChannel::Email => &mut self.email,
            DeliveryChannel::Push => &mut self.push,
        };
        let changed = *slot != on;
        *slot = on;
        changed
    }

    /// The channels a notification goes to, by name, as the server's requests list them.
    /// Server channels count only with a server.
    pub fn active(&self, server: &ServerConfig) -> Vec<&'static str> {
        DeliveryChannel::ALL
            .into_iter()
            .filter(|&c| self.is_on(c) && (!c.needs_server() || server.delivers()))
            .map(DeliveryChannel::name)
            .collect()
    }

    /// `browser,email`: how the switches are stored.
    pub fn to_stored(self) -> String {
        [
            DeliveryChannel::Browser,
            DeliveryChannel::Email,
            DeliveryChannel::Push,
        ]
        .into_iter()
        .filter(|&c| self.is_on(c))
        .map(DeliveryChannel::name)
        .collect::<Vec<_>>()
        .join(",")
    }

    /// Reads [`Channels::to_stored`]; unknown names are ignored.
    pub fn from_stored(stored: &str) -> Self {
        let mut channels = Channels::default();
        for name in stored.split(',') {
            match name.trim() {
                "browser" => channels.browser = true,
                "email" => channels.email = true,
                "push" => channels.push = true,
                _ => {}
            }
        }
        channels
    }
}

/// The account's server, as the page configures it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerConfig {
    /// Where `add_*` notifications are POSTed.
    pub endpoint: Option<Link>,
    /// A Server-Sent Events stream of entries for the center.
    pub stream: Option<Link>,
    /// The person's token, signed by the account's backend: sent as `Authorization: Bearer`.
    /// With it the server keeps the person's center, read state and preferences.
    pub token: Option<String>,
}

/// Where a new token for the person comes from, as the page names it: asked shortly before the
/// token's `exp` and when the server refuses it (`delivery/renew.rs`).
#[derive(Clone, Debug, PartialEq)]
pub enum Renewer {
    /// `configure({ renew_token })`.
    Function(js_sys::Function),
    /// `<meta name="amocrm-notify:renew-token" content="name">`: a global function, looked up
    /// when it is needed (the page may define it after the tag).
    Global(String),
}

/// What `configure` (or a renewed token) changes of the [`ServerConfig`] and the [`Renewer`]: each
/// field given is set (`Some(None)` clears it), the others keep their value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigChange {
    pub endpoint: Option<Option<Link>>,
    pub stream: Option<Option<Link>>,
    pub token: Option<Option<String>>,
    pub renewer: Option<Option<Renewer>>,
}

impl ConfigChange {
    /// Every field as in `config`: a change to exactly it.
    pub fn to(config: ServerConfig) -> Self {
        ConfigChange {
            endpoint: Some(config.endpoint),
            stream: Some(config.stream),
            token: Some(config.token),
            renewer: None,
        }
    }

    /// A new token (or none).
    pub fn token(token: Option<String>) -> Self {
        ConfigChange {
            token: Some(token),
            ..ConfigChange::default()
        }
    }

    /// `current` with this change made.
    pub fn applied_to(&self, current: &ServerConfig) -> ServerConfig {
        let pick = |given: &Option<Option<Link>>, was: &Option<Link>| {
            given.clone().unwrap_or_else(|| was.clone())
        };
        ServerConfig {
            endpoint: pick(&self.endpoint, &current.endpoint),
            stream: pick(&self.stream, &current.stream),
            token: self.token.clone().unwrap_or_else(|| current.token.clone()),
        }
    }
}

impl ServerConfig {
    /// A server takes notifications: they wait in the outbox until it accepts them.
    pub fn delivers(&self) -> bool {
        self.endpoint.is_some()
    }

    /// The server keeps the person's center: history, read state and preferences follow them to
    /// every session. Needs the endpoint and a token.
    pub fn syncs(&self) -> bool {
        self.endpoint.is_some() && self.token.is_some()
    }

    /// An endpoint of the server's API beside the notifications endpoint: with the endpoint
    /// `/api/v1/notifications`, `sibling("preferences")` is `/api/v1/preferences`.
    pub fn sibling(&self, name: &str) -> Option<String> {
        let endpoint = self.endpoint.as_ref()?.as_str();
        let base = endpoint.trim_end_matches('/');
        let base = base.rsplit_once('/').map_or("", |(base, _)| base);
        Some(format!("{base}/{name}"))
    }
}

/// This device's Web Push subscription, as far as this page knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DevicePush {
    /// Whether this device has a subscription (`None`: not known yet).
    pub subscribed: Option<bool>,
    /// Why it could not subscribe, the last time it was asked to.
    pub refusal: Option<PushRefusal>,
}

/// Why this device could not subscribe, in words the settings page explains to the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushRefusal {
    /// The browser (or the person) refused notifications for this site.
    Blocked,
    /// This browser has no Web Push.
    Unsupported,
    /// The account's server could not be reached, or refused: the text says which.
    Server(String),
    /// The browser failed for another reason: its own text.
    Device(String),
}

/// What the page asks of this device's push subscription: delivery does it, and reports back
/// with [`SettingsAction::DevicePush`](super::SettingsAction::DevicePush).
#[derive(Clone, Debug, PartialEq)]
pub enum PushRequest {
    /// Look whether this device has a subscription.
    Check,
    /// Subscribe this device; once it is, store these preferences (nothing is stored for a
    /// device that cannot receive push).
    Subscribe(amocrm_notify_protocol::http_api::Preferences),
    /// Take this device's subscription back.
    Unsubscribe,
}
