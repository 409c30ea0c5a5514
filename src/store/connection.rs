//! Where this browser stands with the account's server, as the person is told it: one state for
//! the bell's mark and the center's status line ([`crate::components::StatusBanner`]).

/// What the last request to the server came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    /// It answered (any answer but a refused token): all clear.
    #[default]
    Answered,
    /// No answer: the network, a timeout, the server down or restarting (also a 5xx or 408).
    Unreachable,
    /// It refused the person's token (401), and no new one has come yet.
    Refused,
}

/// The connection as the model keeps it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Connection {
    pub reach: Reach,
    /// The browser says it has a network (`navigator.onLine`).
    pub online: bool,
    /// When the center shown was saved (ms), while it comes from this browser's storage and the
    /// server has not answered since the page loaded.
    pub saved_at: Option<f64>,
    /// The server has answered since the page loaded.
    answered: bool,
    /// Since when (ms) the server has been out of reach or the browser offline: a state is shown
    /// once it has lasted a moment, however late a component that shows it comes.
    pub trouble_since: Option<f64>,
}

impl Default for Connection {
    fn default() -> Self {
        Connection {
            reach: Reach::Answered,
            online: true,
            saved_at: None,
            answered: false,
            trouble_since: None,
        }
    }
}

/// What the person is told.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// Nothing to say.
    Clear,
    /// "Offline: 3 changes will sync".
    Offline { waiting: usize },
    /// "Reconnecting…", with what waits.
    Reconnecting { waiting: usize },
    /// "Showing history saved at 10:42".
    Saved { at_ms: f64, waiting: usize },
    /// "Signed out: sign in again".
    SignedOut { waiting: usize },
}

impl Status {
    /// The person must act (sign in again): shown across the top of the pop-ups too.
    pub fn needs_action(self) -> bool {
        matches!(self, Status::SignedOut { .. })
    }
}

impl Connection {
    /// Takes what the last request came to, at `now_ms`; whether that changed anything.
    pub fn reached(&mut self, reach: Reach, now_ms: f64) -> bool {
        let before = *self;
        self.reach = reach;
        if reach == Reach::Answered {
            self.answered = true;
            self.saved_at = None;
            // Whether there is a network is the browser's word alone (`set_online`): an answer
            // can be one that was on its way when the network went, and must not hide "Offline".
        }
        self.note_trouble(now_ms);
        *self != before
    }

    /// The browser's `online` / `offline` events, at `now_ms`.
    pub fn set_online(&mut self, online: bool, now_ms: f64) -> bool {
        let before = *self;
        self.online = online;
        self.note_trouble(now_ms);
        *self != before
    }

    fn note_trouble(&mut self, now_ms: f64) {
        let fine = self.reach == Reach::Answered && self.online;
        self.trouble_since = match (fine, self.trouble_since) {
            (true, _) => None,
            (false, Some(since)) => Some(since),
            (false, None) => Some(now_ms),
        };
    }

    /// The center was restored from storage saved at `at_ms`: until the server answers, that is
    /// what the person sees.
    pub fn restored(&mut self, at_ms: f64) -> bool {
        if self.answered {
            return false;
        }
        let before = *self;
        self.saved_at = Some(at_ms);
        *self != before
    }

    /// What to tell the person, with `waiting` changes and notifications not yet sent and
    /// `syncs` whether a server keeps the center at all.
    pub fn status(&self, waiting: usize, syncs: bool) -> Status {
        if !syncs && waiting == 0 {
            return Status::Clear;
        }
        match (self.reach, self.online, self.saved_at) {
            (Reach::Refused, _, _) => Status::SignedOut { waiting },
            (_, false, _) => Status::Offline { waiting },
            (Reach::Unreachable, true, Some(at_ms)) => Status::Saved { at_ms, waiting },
            (Reach::Unreachable, true, None) => Status::Reconnecting { waiting },
            (Reach::Answered, true, _) => Status::Clear,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_person_hears_the_most_pressing_state() {
        let mut c = Connection::default();
        assert_eq!(c.status(0, true), Status::Clear);
        assert!(c.restored(1_000.0));
        assert!(c.reached(Reach::Unreachable, 5.0));
        assert_eq!(c.trouble_since, Some(5.0));
        assert_eq!(
            c.status(2, true),
            Status::Saved {
                at_ms: 1_000.0,
                waiting: 2
            }
        );
        assert!(c.set_online(false, 6.0));
        assert_eq!(c.status(3, true), Status::Offline { waiting: 3 });
        assert!(c.reached(Reach::Refused, 7.0));
        assert_eq!(c.status(3, true), Status::SignedOut { waiting: 3 });
        assert_eq!(c.trouble_since, Some(5.0), "since it began");
        // An answer that was on its way when the browser went offline: still offline.
        assert!(c.reached(Reach::Answered, 8.0));
        assert_eq!(c.status(1, true), Status::Offline { waiting: 1 });
        assert!(c.set_online(true, 8.5));
        assert_eq!(c.status(0, true), Status::Clear);
        assert_eq!(c.trouble_since, None);
        // Once the server has answered, storage's history is no longer what is shown.
        assert!(!c.restored(2_000.0));
        assert!(c.reached(Reach::Unreachable, 9.0));
        assert_eq!(c.status(0, true), Status::Reconnecting { waiting: 0 });
        assert!(!c.reached(Reach::Unreachable, 10.0), "no change, no render");
    }
}
