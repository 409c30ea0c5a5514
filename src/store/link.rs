//! The model's slice for this browser's link with the account's server: where the connection
//! stands, and the queue of changes the server has not heard yet (read, unread, removed, the
//! preferences; see [`super::sync`] for how they are kept and when changes meet).

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use amocrm_notify_protocol::http_api::Preferences;

use super::connection::{Connection, Reach};
use super::effects::{Applied, QueueChange};
use super::sync::{Queued, SyncOp};
use crate::notification::NotificationId;

/// What changes the link alone.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkAction {
    /// The server took the change with this key. `overruled`: it did not take all of it as made
    /// here (another device changed those entries later, or removed them), so the history is
    /// loaded again.
    Sent { key: String, overruled: bool },
    /// Changes waiting for the server, from storage or another tab: queued where not already.
    Queue(Vec<Queued>),
    /// Another tab sent these changes (by key).
    Dequeue(Vec<String>),
    /// What the last request to the server came to.
    Reached(Reach),
    /// The browser went online (`true`) or offline.
    SetOnline(bool),
    /// The center was restored from storage, saved at this time (ms).
    RestoredFrom(f64),
}

#[derive(Debug, Default)]
pub struct Link {
    /// Where this browser stands with the server.
    pub connection: Connection,
    /// Changes to the center the server has not heard yet, in the order of their keys (only when
    /// it syncs): this tab's, and those of the other tabs and earlier pages, from storage.
    pub changes: VecDeque<Queued>,
    /// Bumped when the server's history must be loaded again: it did not take a change as made
    /// here (another device changed the entry later), so this browser takes the server's state.
    pub history_reloads: u64,
    /// The number the next change made here gets.
    next: u64,
    /// This tab, in the keys of its changes.
    tab: Rc<str>,
    /// The entries the waiting changes changed, each with the time of the latest.
    guarded: HashMap<NotificationId, f64>,
    /// The server's latest word on the preferences, heard while a change made here waited.
    held_preferences: Option<Preferences>,
}

impl Link {
    /// The link of the tab `tab` (a short id unique among this browser's tabs).
    pub fn for_tab(tab: &str) -> Self {
        Link {
            tab: tab.into(),
            ..Link::default()
        }
    }

    /// Applies `action` at `now_ms`.
    pub(super) fn update(&mut self, action: LinkAction, now_ms: f64) -> Applied {
        match action {
            LinkAction::Sent { key, overruled } => {
                let before = self.changes.len();
                self.changes.retain(|queued| queued.key != key);
                if self.changes.len() == before {
                    return Applied::none();
                }
                self.reguard();
                self.history_reloads += u64::from(overruled);
                Applied {
                    queue: vec![QueueChange::Sent(key)],
                    preferences: self.release_preferences(),
                    ..Applied::changed(true)
                }
            }
            LinkAction::Queue(changes) => {
                let queued = changes
                    .into_iter()
                    .fold(false, |any, queued| self.enqueue(queued) | any);
                // The person's latest choices still waiting (a reload while the server is away)
                // are what this browser shows of their preferences.
                Applied {
                    preferences: self.waiting_preferences().cloned(),
                    ..Applied::changed(queued)
                }
            }
            LinkAction::Dequeue(keys) => {
                let before = self.changes.len();
                self.changes.retain(|queued| !keys.contains(&queued.key));
                let changed = self.changes.len() != before;
                if changed {
                    self.reguard();
                }
                Applied {
                    preferences: self.release_preferences(),
                    ..Applied::changed(changed)
                }
            }
            LinkAction::Reached(reach) => Applied::changed(self.connection.reached(reach, now_ms)),
            LinkAction::SetOnline(online) => {
                Applied::changed(self.connection.set_online(online, now_ms))
            }
            LinkAction::RestoredFrom(at_ms) => Applied::changed(self.connection.restored(at_ms)),
        }
    }

    /// Queues `op`, which changed the entries `ids` here at `now_ms`, for the server; the queue's
    /// change, for storage and the other tabs.
    pub(super) fn tell(
        &mut self,
        op: SyncOp,
        ids: Vec<NotificationId>,
        now_ms: f64,
    ) -> QueueChange {
        self.next += 1;
        let queued = Queued {
            key: Queued::key_of(now_ms, &self.tab, self.next),
            at: now_ms,
            op,
            ids,
        };
        self.enqueue(queued.clone());
        QueueChange::Add(queued)
    }

    /// The latest preferences waiting to be sent.
    pub fn waiting_preferences(&self) -> Option<&Preferences> {
        self.changes.iter().rev().find_map(|q| match &q.op {
            SyncOp::Preferences(preferences) => Some(preferences),
            _ => None,
        })
    }

    /// Preferences made here wait to be sent: newer than what the server says.
    pub fn waits_preferences(&self) -> bool {
        self.waiting_preferences().is_some()
    }

    /// The server's word on the preferences: what to show now. While a change made here waits it
    /// is newer than what the server says, so the word is held, not shown; the last one held is
    /// shown once none waits ([`Link::release_preferences`]). That last word may be another
    /// device's later change, which the server took after this browser's: dropping it would leave
    /// this screen on an older choice until a reload. If it was older, the echo of this browser's
    /// own change follows it on the stream and puts it right.
    pub(super) fn hold_preferences(&mut self, preferences: Preferences) -> Option<Preferences> {
        match self.waits_preferences() {
            true => {
                self.held_preferences = Some(preferences);
                None
            }
            false => Some(preferences),
        }
    }

    /// The word held while changes waited, once none does.
    fn release_preferences(&mut self) -> Option<Preferences> {
        match self.waits_preferences() {
            true => None,
            false => self.held_preferences.take(),
        }
    }

    /// A change waiting for the server made `id` what it is here, later than `at_ms` (`None`:
    /// whenever): the server's word on it, decided earlier, must not undo that on screen.
    pub fn changed_here_after(&self, id: &NotificationId, at_ms: Option<f64>) -> bool {
        self.guarded
            .get(id)
            .is_some_and(|&mine| at_ms.is_none_or(|at| mine > at))
    }

    /// Puts `queued` in the queue in the order of its key (this tab's newest goes last, unless a
    /// clock stepped back) and guards its entries; false when that key is queued already.
    fn enqueue(&mut self, queued: Queued) -> bool {
        let at = self.changes.partition_point(|q| q.key < queued.key);
        if self.changes.get(at).is_some_and(|q| q.key == queued.key) {
            return false;
        }
        self.guard(&queued);
        self.changes.insert(at, queued);
        true
    }

    fn guard(&mut self, queued: &Queued) {
        for id in &queued.ids {
            let at = self.guarded.entry(id.clone()).or_insert(queued.at);
            *at = at.max(queued.at);
        }
    }

    /// Rebuilds the guards once changes have left the queue.
    fn reguard(&mut self) {
        self.guarded.clear();
        for queued in std::mem::take(&mut self.changes) {
            self.guard(&queued);
            self.changes.push_back(queued);
        }
    }
}
