//! The state every component reads, in slices, and the one function that applies an action: it
//! hands the action to its slice's reducer and routes what that asks of the other slices. Pure
//! Rust: no DOM, no JavaScript, tested natively.

use std::mem::take;

use super::calls::{CallAction, CallLog};
use super::center::Center;
use super::center_update::CenterAction;
use super::effects::Applied;
use super::link::{Link, LinkAction};
use super::popups::{PopupAction, Popups};
use super::settings::{Settings, SettingsAction};

#[derive(Debug, Default)]
pub struct Model {
    /// The history, and its entries waiting for the server.
    pub center: Center,
    pub popups: Popups,
    /// Where this browser stands with the server, and the changes it has not heard yet.
    pub link: Link,
    /// The server as configured, the channels, this device's push, the person's preferences.
    pub settings: Settings,
    /// The JS API's calls, for the developer inspector (only once the page asked for it).
    pub calls: CallLog,
}

/// An action, by the slice it is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Center(CenterAction),
    Popups(PopupAction),
    Link(LinkAction),
    Settings(SettingsAction),
    Calls(CallAction),
}

impl Model {
    /// An empty model for the tab `tab` (a short id unique among this browser's tabs).
    pub fn for_tab(tab: &str) -> Self {
        Model {
            link: Link::for_tab(tab),
            ..Model::default()
        }
    }

    /// Notifications and changes that wait for the server.
    pub fn waiting(&self) -> usize {
        self.center.unsent.len() + self.link.changes.len()
    }

    /// Applies `action` at `now_ms` (ms since the epoch: the model keeps no clock of its own);
    /// whether anything shown changed.
    pub fn apply(&mut self, action: impl Into<Action>, now_ms: f64) -> bool {
        self.update(action.into(), now_ms).changed
    }

    /// Applies `action` at `now_ms`: what it changed, and what the services are to do.
    pub fn update(&mut self, action: Action, now_ms: f64) -> Applied {
        let delivers = self.settings.server.delivers();
        let applied = match action {
            Action::Center(action) => self.center.update(action, delivers, &self.link),
            Action::Popups(action) => Applied::changed(self.popups.apply(action)),
            Action::Link(action) => self.link.update(action, now_ms),
            Action::Settings(action) => self.settings.update(action),
            Action::Calls(action) => Applied::changed(self.calls.apply(action)),
        };
        self.route(applied, now_ms)
    }

    /// Hands what a slice asked of the others to them; what is left is for the services.
    fn route(&mut self, mut applied: Applied, now_ms: f64) -> Applied {
        if let Some(notification) = applied.popup.take() {
            self.popups.push(notification);
            applied.changed = true;
        }
        applied.changed |= self.popups.dismiss_entries(&take(&mut applied.seen));
        // The server keeps the person's center only when it syncs.
        let tell = take(&mut applied.tell);
        if self.settings.server.syncs() {
            for (op, ids) in tell {
                applied.queue.push(self.link.tell(op, ids, now_ms));
            }
        }
        if let Some(preferences) = applied.server_preferences.take() {
            applied.preferences = self.link.hold_preferences(preferences);
        }
        if let Some(preferences) = applied.preferences.take() {
            applied.changed |= self.settings.show(preferences);
        }
        applied
    }
}

macro_rules! into_action {
    ($($slice:ident: $action:ty),*) => {$(
        impl From<$action> for Action {
            fn from(action: $action) -> Self {
                Action::$slice(action)
            }
        }
    )*};
}
into_action!(Center: CenterAction, Popups: PopupAction, Link: LinkAction,
    Settings: SettingsAction, Calls: CallAction);
