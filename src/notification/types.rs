//! The domain types: what a notification is once a widget's call has been parsed and validated.

use std::fmt;
use std::rc::Rc;

use super::link::Link;
use super::markup::Markup;

/// How long an information pop-up stays when the widget gives no `timeout`.
pub const DEFAULT_TIMEOUT_MS: u32 = 5_000;

/// A notification's id: a string unique across tabs and reloads (`<session>-<sequence>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NotificationId(Rc<str>);

impl NotificationId {
    pub fn new(id: impl Into<Rc<str>>) -> Self {
        NotificationId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NotificationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub use amocrm_notify_protocol::{EntityKind, EntryKind, Method};

/// How a notification looks and how urgently it is announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Info,
    Success,
    Error,
    Call,
}

impl From<EntryKind> for Kind {
    fn from(kind: EntryKind) -> Kind {
        match kind {
            EntryKind::Error => Kind::Error,
            EntryKind::Call => Kind::Call,
        }
    }
}

impl Kind {
    /// Errors and calls are announced assertively and stay until dismissed.
    pub fn is_urgent(self) -> bool {
        matches!(self, Kind::Error | Kind::Call)
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Info => "info",
            Kind::Success => "success",
            Kind::Error => "error",
            Kind::Call => "call",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    pub id: u64,
    pub name: Option<String>,
}

impl Entity {
    /// `element.name`, else "Contact #18221265".
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            // The kind is named beside it, in the interface's language ("Контакт: #18221265").
            None => format!("#{}", self.id),
        }
    }

    pub fn page(&self) -> Link {
        Link::Internal(format!("/{}/detail/{}", self.kind.path_segment(), self.id))
    }
}

/// What `add_call` adds beyond header and text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallInfo {
    /// Who called: a phone number or a contact's name.
    pub from: Option<String>,
    /// Who took the call: a manager's name or an extension.
    pub to: Option<String>,
    pub entity: Option<Entity>,
    pub duration_secs: Option<u32>,
    /// The recording (`link` on `add_call`): loaded only when played.
    pub recording: Option<Link>,
    /// Opened when the call is clicked; else the entity's page.
    pub click_link: Option<Link>,
}

/// A validated notification, as the store keeps it and the components render it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    pub id: NotificationId,
    pub method: Method,
    pub kind: Kind,
    pub header: Markup,
    pub text: Markup,
    pub icon: Option<Link>,
    /// Followed when an error is clicked.
    pub link: Option<Link>,
    /// Milliseconds since the Unix epoch.
    pub date_ms: f64,
    /// How long the pop-up stays; `None` keeps it until dismissed.
    pub timeout_ms: Option<u32>,
    pub call: Option<CallInfo>,
    /// `button_text`: a button on the pop-up that follows `link`.
    pub button: Option<String>,
    /// The widget whose `AMOCRM.addNotificationCallback` runs when the person opens it.
    pub widget_code: Option<String>,
}

impl Notification {
    /// Where clicking the notification goes, if anywhere.
    pub fn target(&self) -> Option<Link> {
        match &self.call {
            Some(call) => call
                .click_link
                .clone()
                .or_else(|| call.entity.as_ref().map(Entity::page)),
            None => self.link.clone(),
        }
    }

    /// True when `other` says the same thing (everything but the id and date matches): a repeat
    /// collapses into the pop-up already showing.
    pub fn is_repeat_of(&self, other: &Notification) -> bool {
        self.method == other.method
            && self.kind == other.kind
            && self.header.source() == other.header.source()
            && self.text.source() == other.text.source()
            && self.icon == other.icon
            && self.link == other.link
            && self.call == other.call
    }
}
