//! The fan-out of people's streams: which open streams to wake when a person's events change, in
//! this process and, on PostgreSQL, in every other one (LISTEN/NOTIFY).
//!
//! The database is the only source of events: a woken stream reads what is new after the last id it
//! sent. A wake-up carries nothing but "look again", so a lost or doubled one costs a query, never an
//! event. On PostgreSQL, streams also look again at every heartbeat, in case a wake-up was lost with
//! the LISTEN connection; in one SQLite process every wake-up is local and none is lost.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::watch;

use crate::db::NOTIFY_CHANNEL;

#[derive(Clone, Default)]
pub(crate) struct Hub {
    people: Arc<Mutex<HashMap<i64, Person>>>,
    /// Other processes write events too (PostgreSQL): a wake-up may be lost with the LISTEN
    /// connection, so streams also look again now and then.
    polls: Arc<AtomicBool>,
}

struct Person {
    wake: watch::Sender<u64>,
    streams: usize,
}

/// An open stream's hold on its person: counts it while alive.
pub(crate) struct Subscription {
    hub: Hub,
    user_id: i64,
    pub wake: watch::Receiver<u64>,
}

impl Hub {
    /// Opens a stream for the person, unless they already have `cap` open in this process.
    pub(crate) fn subscribe(&self, user_id: i64, cap: usize) -> Option<Subscription> {
        let mut people = self.people.lock().expect("hub lock");
        let person = people.entry(user_id).or_insert_with(|| Person {
            wake: watch::channel(0).0,
            streams: 0,
        });
        if person.streams >= cap {
            return None;
        }
        person.streams += 1;
        Some(Subscription {
            hub: self.clone(),
            user_id,
            wake: person.wake.subscribe(),
        })
    }

    /// Tells the person's open streams in this process to look for new events.
    pub(crate) fn wake(&self, user_id: i64) {
        if let Some(person) = self.people.lock().expect("hub lock").get(&user_id) {
            person.wake.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Tells every open stream to look again (after notifications may have been lost).
    pub(crate) fn wake_all(&self) {
        for person in self.people.lock().expect("hub lock").values() {
            person.wake.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// How many streams are open in this process.
    pub(crate) fn open_streams(&self) -> usize {
        self.people
            .lock()
            .expect("hub lock")
            .values()
            .map(|p| p.streams)
            .sum()
    }

    /// Whether streams must look for events now and then, besides being woken.
    pub(crate) fn polls(&self) -> bool {
        self.polls.load(Ordering::Relaxed)
    }

    /// Wakes this process's streams whenever any process commits an event (PostgreSQL only).
    /// Runs until the process ends, reconnecting after a lost connection.
    pub(crate) async fn listen(self, database_url: String) {
        self.polls.store(true, Ordering::Relaxed);
        loop {
            match PgListener::connect(&database_url).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(NOTIFY_CHANNEL).await {
                        tracing::warn!(%error, "could not LISTEN for events");
                    } else {
                        tracing::info!("listening for other processes' events");
                        // Anything committed while we were not listening is found by looking again.
                        self.wake_all();
                        loop {
                            match listener.try_recv().await {
                                Ok(Some(note)) => match note.payload().parse() {
                                    Ok(user_id) => self.wake(user_id),
                                    Err(_) => tracing::warn!(
                                        payload = note.payload(),
                                        "odd event notification"
                                    ),
                                },
                                // The connection was lost and is reopened on the next call; what
                                // was announced meanwhile is found by looking again.
                                Ok(None) => {
                                    tracing::warn!("the LISTEN connection was lost; reconnecting");
                                    self.wake_all();
                                }
                                Err(error) => {
                                    tracing::warn!(%error, "the LISTEN connection failed");
                                    self.wake_all();
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "could not connect to LISTEN; retrying"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut people = self.hub.people.lock().expect("hub lock");
        if let Some(person) = people.get_mut(&self.user_id) {
            person.streams -= 1;
            if person.streams == 0 {
                people.remove(&self.user_id);
            }
        }
    }
}
