//! Keeps the center's history in IndexedDB and in step with this origin's other tabs.
//!
//! [`Persist`] subscribes to the center's changes this tab makes ([`Store::changes`]); after each
//! render it serializes what gathered once, posts it to the other tabs on a
//! `BroadcastChannel`, and queues it for one IndexedDB transaction at a time. Other tabs apply what
//! they receive without journaling it again, so nothing echoes and nothing is counted twice.
//!
//! The IndexedDB calls are in idb.rs, the message between tabs in tabs.rs, the channel switches
//! (localStorage) in settings.rs; this file runs them.
//!
//! IndexedDB rather than localStorage: a 100,000-entry history is tens of megabytes, beyond
//! localStorage's quota, and localStorage would have to rewrite it whole (and synchronously, on the
//! main thread) where IndexedDB writes one record per changed entry.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use amocrm_notify_protocol::http_api::Preferences;

use crate::browser;
use crate::json;
use crate::notification::NotificationId;
use crate::store::record::{entry_of, record_of, Record, SCHEMA};
use crate::store::{
    use_notifications, use_notifications_dispatch, Action, CenterAction, Change, Channels, Entry,
    Inbox, LinkAction, NotificationsContext, QueueChange, Queued, SettingsAction, StoredChange,
};
use gloo_events::EventListener;

mod idb;
mod settings;
mod tabs;

pub(crate) use settings::CHANNELS_KEY;
pub(crate) use tabs::CHANNEL;

use idb::{load, open, run, set_aside, write, Db};
use settings::{read_channels, read_preferences, write_channels, write_preferences};
use tabs::{decode_message, decode_queue, encode_message};

/// Where a history that could not be read is kept.
pub(crate) const SET_ASIDE: &str = "IndexedDB \"amocrm-notify\", object store \"set-aside\"";

/// A serialized change: the id, and the record (`None` to delete).
type Serialized = (String, Option<String>);

/// A row to write: an entry, or a change waiting for the server (by its key; `None`: sent).
enum Row {
    Entry(Serialized),
    Change(Serialized),
}

/// Changes serialized, posted and written per task at most: a burst of 10,000 calls is stored in
/// steps of this size, and no step is a long task.
const CHUNK: usize = 250;

struct Bridge {
    store: NotificationsContext,
    /// This tab's changes to the center since they were last taken.
    changes: Rc<Inbox<Change>>,
    /// This tab's changes to the queue of changes for the server.
    queue_changes: Rc<Inbox<QueueChange>>,
    db: RefCell<Db>,
    /// Changes taken, not yet serialized.
    pending: RefCell<VecDeque<Change>>,
    draining: Cell<bool>,
    /// Serialized rows waiting for a write transaction.
    queue: RefCell<VecDeque<Row>>,
    writing: Cell<bool>,
    channel: Option<web_sys::BroadcastChannel>,
    _listener: Option<EventListener>,
    /// Unread entries storage could not take, for the one warning about them.
    unsaved: Cell<usize>,
    /// The channel switches as last stored or read.
    channels: Cell<Channels>,
    /// The person whose preferences were last read or stored, and those preferences.
    preferences: RefCell<Option<(String, Option<Preferences>)>>,
    _storage_listener: EventListener,
    dispatch: Callback<Action>,
}

/// Mount once, around the JS API: from its first render on, this tab's changes are kept, those of
/// the calls the API replays at start-up among them.
#[component]
pub fn Persist(props: &yew::html::ChildrenProps) -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let bridge = use_memo((), |_| Bridge::start(store.clone(), dispatch));
    use_effect_with((*store).clone(), move |_| {
        (*bridge).flush_journal();
        bridge.store_channels();
        bridge.keep_preferences();
    });
    props.children.clone()
}

impl Bridge {
    fn start(store: NotificationsContext, dispatch: Callback<Action>) -> Rc<Self> {
        let changes = store.changes();
        let queue_changes = store.queue();
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        let listener = channel.as_ref().map(|channel| {
            let dispatch = dispatch.clone();
            EventListener::new(channel, "message", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let changes = decode_message(&event.data());
                if !changes.is_empty() {
                    dispatch.emit(Action::Center(CenterAction::Apply(changes)));
                }
                let (queued, sent) = decode_queue(&event.data());
                if !queued.is_empty() {
                    dispatch.emit(Action::Link(LinkAction::Queue(queued)));
                }
                if !sent.is_empty() {
                    dispatch.emit(Action::Link(LinkAction::Dequeue(sent)));
                }
            })
        });
        let stored = read_channels();
        if stored != Channels::default() {
            dispatch.emit(Action::Settings(SettingsAction::SetChannels(stored)));
        }
        // Another tab switched a channel.
        let storage_listener = {
            let dispatch = dispatch.clone();
            EventListener::new(&gloo_utils::window(), "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if event.key().as_deref() == Some(CHANNELS_KEY) {
                    let value = event.new_value().unwrap_or_default();
                    dispatch.emit(Action::Settings(SettingsAction::SetChannels(
                        Channels::from_stored(&value),
                    )));
                }
            })
        };
        let bridge = Rc::new(Bridge {
            store,
            changes,
            queue_changes,
            db: RefCell::new(Db::Opening),
            pending: RefCell::default(),
            draining: Cell::new(false),
            queue: RefCell::default(),
            writing: Cell::new(false),
            channel,
            _listener: listener,
            unsaved: Cell::new(0),
            channels: Cell::new(stored),
            preferences: RefCell::default(),
            dispatch: dispatch.clone(),
            _storage_listener: storage_listener,
        });
        let opening = Rc::clone(&bridge);
        wasm_bindgen_futures::spawn_local(async move { opening.open(dispatch).await });
        bridge
    }

    async fn open(self: Rc<Self>, dispatch: Callback<Action>) {
        let db = match run(open()).await {
            Ok(db) => db,
            Err(error) => {
                warn(&format!(
                    "amocrm-notify: browser storage is unavailable ({}); the notification center keeps \
                     its entries in memory, and they are lost on reload",
                    named(&error)
                ));
                *self.db.borrow_mut() = Db::Unavailable;
                self.queue.borrow_mut().clear();
                return;
            }
        };
        match self.restore(&db).await {
            Ok(Restored {
                entries,
                saved_at,
                queued,
            }) => {
                if !queued.is_empty() {
                    dispatch.emit(Action::Link(LinkAction::Queue(queued)));
                }
                if !entries.is_empty() {
                    dispatch.emit(Action::Center(CenterAction::Restore(entries)));
                    if let Some(saved_at) = saved_at {
                        dispatch.emit(Action::Link(LinkAction::RestoredFrom(saved_at)));
                    }
                }
            }
            Err(error) => warn(&format!(
                "amocrm-notify: the stored notification history could not be read ({}); the center \
                 starts empty",
                named(&error)
            )),
        }
        *self.db.borrow_mut() = Db::Open(db);
        self.write_next();
    }

    /// Reads the stored history and the changes waiting for the server; a history it cannot read
    /// is set aside, with a warning, and reads empty.
    async fn restore(&self, db: &JsValue) -> Result<Restored, JsValue> {
        let loaded = run(load(db)).await?;
        let saved_at = Reflect::get(&loaded, &"saved".into())?.as_f64();
        let queued: Vec<Queued> = Reflect::get(&loaded, &"changes".into())
            .ok()
            .filter(Array::is_array)
            .map(|changes| Array::from(&changes).iter().collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|change| {
                let json = change.as_string()?;
                match json::from_text::<StoredChange>(&json) {
                    Ok(change) => Some(Queued::from_stored(change)),
                    Err(why) => {
                        warn(&format!(
                            "amocrm-notify: a stored change for the account's server could not be read ({why}); it was left out"
                        ));
                        None
                    }
                }
            })
            .collect();
        let schema = Reflect::get(&loaded, &"schema".into())?;
        let records: Array = Reflect::get(&loaded, &"records".into())?.unchecked_into();
        let ids: Array = Reflect::get(&loaded, &"ids".into())?.unchecked_into();
        let problem = if !schema.is_undefined() && schema.as_f64() != Some(f64::from(SCHEMA)) {
            Some(format!(
                "schema {} (this build reads {SCHEMA})",
                named(&schema)
            ))
        } else {
            None
        };
        let mut entries = Vec::with_capacity(records.length() as usize);
        let problem = problem.or_else(|| {
            records.iter().zip(ids.iter()).find_map(|(record, id)| {
                let id = id.as_string().unwrap_or_default();
                let parsed = record
                    .as_string()
                    .ok_or_else(|| "not a string".to_owned())
                    .and_then(|json| read_record(&json))
                    .and_then(|entry| {
                        if entry.id().as_str() == id {
                            Ok(entry)
                        } else {
                            Err(format!("stored under another id, \"{id}\""))
                        }
                    });
                match parsed {
                    Ok(entry) => {
                        entries.push(entry);
                        None
                    }
                    Err(why) => Some(format!("record \"{id}\": {why}")),
                }
            })
        });
        let Some(problem) = problem else {
            return Ok(Restored {
                entries,
                saved_at,
                queued,
            });
        };
        let key = run(set_aside(db, SCHEMA, &problem)).await?;
        warn(&format!(
            "amocrm-notify: the stored notification history could not be read ({problem}); it was set \
             aside in {SET_ASIDE} under the key \"{}\", and the center starts empty",
            key.as_string().unwrap_or_default()
        ));
        Ok(Restored {
            entries: Vec::new(),
            saved_at: None,
            queued,
        })
    }

    /// The person's preferences: those stored for them shown while the server's have not come
    /// (the server away at a reload), and the server's stored when they change.
    fn keep_preferences(&self) {
        let (person, now) = {
            let model = self.store.model();
            let person = model
                .settings
                .server
                .token
                .as_deref()
                .and_then(crate::token::subject);
            (person, model.settings.preferences.clone())
        };
        let Some(person) = person else {
            return;
        };
        let mut kept = self.preferences.borrow_mut();
        let known = kept.as_ref().filter(|(whose, _)| *whose == person);
        match (now, known) {
            // A new person (or the first look): theirs from storage, if the server has not spoken.
            (None, None) => {
                let stored = read_preferences(&person);
                *kept = Some((person, stored.clone()));
                drop(kept);
                if let Some(stored) = stored {
                    self.dispatch
                        .emit(Action::Settings(SettingsAction::StoredPreferences(stored)));
                }
            }
            (Some(now), known) if known.and_then(|(_, p)| p.as_ref()) != Some(&now) => {
                write_preferences(&person, &now);
                *kept = Some((person, Some(now)));
            }
            _ => {}
        }
    }

    /// Stores the channel switches when they changed.
    fn store_channels(&self) {
        let channels = self.store.model().settings.channels;
        if self.channels.replace(channels) != channels {
            write_channels(channels);
        }
    }

    /// Takes this tab's changes, to post to the other tabs and store, a chunk per task.
    fn flush_journal(self: &Rc<Self>) {
        self.flush_queue();
        let journal = self.changes.take();
        if journal.is_empty() {
            return;
        }
        self.pending.borrow_mut().extend(journal);
        if self.draining.replace(true) {
            return;
        }
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let chunk: Vec<Change> = {
                    let mut pending = this.pending.borrow_mut();
                    let n = pending.len().min(CHUNK);
                    pending.drain(..n).collect()
                };
                if chunk.is_empty() {
                    break;
                }
                this.send(&chunk);
                // A task boundary: the page renders and handles input between chunks.
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            this.draining.set(false);
        });
    }

    /// Posts this tab's changes to the queue for the server to the other tabs, and stores them.
    fn flush_queue(self: &Rc<Self>) {
        let serialized: Vec<Serialized> = self
            .queue_changes
            .take()
            .into_iter()
            .map(|change| match change {
                QueueChange::Add(queued) => {
                    (queued.key.clone(), Some(json::to_text(&queued.to_stored())))
                }
                QueueChange::Sent(key) => (key, None),
            })
            .collect();
        if serialized.is_empty() {
            return;
        }
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&encode_message(&[], &serialized));
        }
        if !matches!(*self.db.borrow(), Db::Unavailable) {
            self.queue
                .borrow_mut()
                .extend(serialized.into_iter().map(Row::Change));
            self.write_next();
        }
    }

    /// Serializes `changes` once, posts them to the other tabs and queues them for storage.
    fn send(self: &Rc<Self>, changes: &[Change]) {
        let serialized: Vec<Serialized> = changes
            .iter()
            .map(|change| match change {
                Change::Put(entry) => (entry.id().to_string(), Some(write_record(entry))),
                Change::Delete(id) => (id.to_string(), None),
            })
            .collect();
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&encode_message(&serialized, &[]));
        }
        if !matches!(*self.db.borrow(), Db::Unavailable) {
            self.queue
                .borrow_mut()
                .extend(serialized.into_iter().map(Row::Entry));
            self.write_next();
        }
    }

    /// Starts one write transaction with up to a chunk of what is queued, unless one is running.
    fn write_next(self: &Rc<Self>) {
        let db = match &*self.db.borrow() {
            Db::Open(db) => db.clone(),
            _ => return,
        };
        if self.writing.get() || self.queue.borrow().is_empty() {
            return;
        }
        self.writing.set(true);
        let batch: Vec<Row> = {
            let mut queue = self.queue.borrow_mut();
            let n = queue.len().min(CHUNK);
            queue.drain(..n).collect()
        };
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let result = this.write_batch(&db, &batch).await;
            if let Err(error) = result {
                this.store_failed(&db, batch, &error).await;
            }
            this.writing.set(false);
            this.write_next();
        });
    }

    async fn write_batch(&self, db: &JsValue, batch: &[Row]) -> Result<(), JsValue> {
        let (puts, deletes) = (Array::new(), Array::new());
        let (change_puts, change_deletes) = (Array::new(), Array::new());
        for row in batch {
            let ((key, value), puts, deletes) = match row {
                Row::Entry(row) => (row, &puts, &deletes),
                Row::Change(row) => (row, &change_puts, &change_deletes),
            };
            match value {
                Some(value) => {
                    puts.push(&Array::of2(&key.into(), &value.into()));
                }
                None => {
                    deletes.push(&key.into());
                }
            }
        }
        run(write(
            db,
            SCHEMA,
            &puts,
            &deletes,
            &change_puts,
            &change_deletes,
        ))
        .await
        .map(drop)
    }

    /// A write failed. When storage is full, the oldest read entries leave storage (they stay on
    /// screen until reload) to make room, once; whatever still does not fit stays in memory, and
    /// one warning says how many unread entries that is.
    async fn store_failed(&self, db: &JsValue, batch: Vec<Row>, error: &JsValue) {
        let full = browser::error_name(error).as_deref() == Some("QuotaExceededError");
        if full {
            let bytes: usize = batch
                .iter()
                .filter_map(|row| match row {
                    Row::Entry((_, r)) | Row::Change((_, r)) => r.as_ref(),
                })
                .map(String::len)
                .sum();
            let room: Vec<Row> = self
                .oldest_read(2 * bytes)
                .into_iter()
                .map(|id| Row::Entry((id.to_string(), None)))
                .collect();
            let evicted = !room.is_empty() && self.write_batch(db, &room).await.is_ok();
            if evicted && self.write_batch(db, &batch).await.is_ok() {
                return;
            }
        }
        let unread = batch
            .iter()
            .filter_map(|row| match row {
                Row::Entry(row) => Some(row),
                Row::Change(_) => None,
            })
            .filter(|(id, record)| {
                record.is_some()
                    && self
                        .store
                        .model()
                        .center
                        .get(&NotificationId::new(id.as_str()))
                        .is_some_and(|e| !e.read)
            })
            .count();
        let before = self.unsaved.replace(self.unsaved.get() + unread);
        if before == 0 {
            warn(&format!(
                "amocrm-notify: the notification history could not be saved ({}); {} unread \
                 notification(s) are kept in this tab's memory only and are lost on reload",
                named(error),
                unread
            ));
        }
    }

    /// The oldest read entries whose records add up to `bytes` (or all of them).
    fn oldest_read(&self, bytes: usize) -> Vec<NotificationId> {
        let model = self.store.model();
        let mut read: Vec<&Entry> = model.center.newest_first().filter(|e| e.read).collect();
        read.reverse();
        let mut total = 0;
        read.into_iter()
            .take_while(|entry| {
                let more = total < bytes;
                total += write_record(entry).len();
                more
            })
            .map(|entry| entry.id().clone())
            .collect()
    }
}

/// What storage held at start-up.
struct Restored {
    entries: Vec<Entry>,
    /// When the entries were last written (ms).
    saved_at: Option<f64>,
    /// Changes for the account's server that no tab had sent.
    queued: Vec<Queued>,
}

/// A stored record: JSON text, as every build has written it.
fn write_record(entry: &Entry) -> String {
    json::to_text(&record_of(entry))
}

fn read_record(json: &str) -> Result<Entry, String> {
    json::from_text::<Record>(json).and_then(entry_of)
}

/// `Name: message` for a DOMException or Error, as storage's warnings give them.
fn named(error: &JsValue) -> String {
    match browser::error_name(error) {
        Some(name) => format!("{name}: {}", browser::describe(error)),
        None => browser::describe(error),
    }
}

fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}
