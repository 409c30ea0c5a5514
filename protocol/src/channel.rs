//! Where the server sent an entry beyond the interface: the channels and what became of it on
//! each, as the history and the stream tell it.

use serde::{Deserialize, Serialize};

/// A channel beyond the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Push,
}

impl Channel {
    /// Its name on the wire and in the server's rows: `email`, `push`.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Push => "push",
        }
    }
}

impl TryFrom<String> for Channel {
    type Error = String;

    /// From its [`name`](Channel::name); anything else is an error that says what it was.
    fn try_from(name: String) -> Result<Channel, String> {
        match name.as_str() {
            "email" => Ok(Channel::Email),
            "push" => Ok(Channel::Push),
            other => Err(format!("{other:?} is not a channel (email or push)")),
        }
    }
}

/// What became of an entry on one channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelStatus {
    pub channel: Channel,
    pub state: DeliveryState,
    /// When it was sent or gave up (milliseconds since the epoch).
    pub at: f64,
    /// Push: the devices it reached.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub devices: u32,
    /// Why it failed, for people: "mailbox unavailable".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

pub(crate) fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DeliveryState {
    /// Sent (and accepted by the mail server or the push service).
    Sent,
    /// Given up: a permanent refusal, or every retry failed.
    Failed,
    /// Not sent, as the person asked: read (or removed) in the app before its email was due.
    Skipped,
}
