//! Native tests of the changes kept for the account's server: queued durably, never undone on
//! screen by an older word from the server, and the README's rule when changes meet ("a removed
//! entry stays removed; otherwise the person's later action wins").
#![cfg(not(target_arch = "wasm32"))]

mod fixtures;

use std::collections::HashSet;

use amocrm_notify::notification::{Link, Method};
use amocrm_notify::store::record::record_of;
use amocrm_notify::store::{
    Action, CenterAction, ConfigChange, Delivery, Entry, Filter, LinkAction, Model, QueueChange,
    Queued, ServerConfig, SettingsAction, SyncOp,
};
use amocrm_notify_protocol::http_api::{Event, Preferences};
use fixtures::{add, id};

/// A model whose center the server keeps, with entries "a", "b" and "c" from the server, unread.
fn synced() -> Model {
    let mut model = Model::for_tab("t1");
    model.apply(
        SettingsAction::Configure(ConfigChange::to(ServerConfig {
            endpoint: Some(Link::parse("/api/v1/notifications").unwrap()),
            stream: None,
            token: Some("a.b.c".into()),
        })),
        0.0,
    );
    let entries: Vec<Entry> = ["a", "b", "c"]
        .iter()
        .map(|i| from_server(i, false))
        .collect();
    model.apply(CenterAction::Merge(entries), 0.0);
    model
}

fn from_server(i: &str, read: bool) -> Entry {
    Entry {
        read,
        delivery: Delivery::Delivered,
        ..Entry::unread(add(Method::AddError, i, 1_000.0))
    }
}

fn is_read(model: &Model, i: &str) -> Option<bool> {
    model.center.get(&id(i)).map(|e| e.read)
}

#[test]
fn a_change_waits_in_the_queue_and_is_logged_for_storage() {
    let mut model = synced();
    let applied = model.update(
        Action::Center(CenterAction::SetRead(id("a"), true)),
        5_000.0,
    );
    assert_eq!(model.link.changes.len(), 1);
    let queued = &model.link.changes[0];
    assert_eq!(queued.at, 5_000.0);
    assert_eq!(queued.op, SyncOp::Read(vec![id("a")], true));
    assert_eq!(applied.queue, vec![QueueChange::Add(queued.clone())]);
    assert_eq!(model.waiting(), 1);
    // Sent: it leaves the queue, and storage hears so.
    let key = queued.key.clone();
    let applied = model.update(
        Action::Link(LinkAction::Sent {
            key: key.clone(),
            overruled: false,
        }),
        6_000.0,
    );
    assert!(model.link.changes.is_empty());
    assert_eq!(applied.queue, vec![QueueChange::Sent(key)]);
    assert_eq!(model.link.history_reloads, 0);
}

#[test]
fn the_server_history_does_not_undo_a_waiting_change() {
    let mut model = synced();
    model.apply(CenterAction::SetRead(id("a"), true), 5_000.0);
    model.apply(CenterAction::Remove(id("b")), 5_001.0);
    // A page of the history from before the changes reached the server.
    model.apply(
        CenterAction::Merge(vec![from_server("a", false), from_server("b", false)]),
        6_000.0,
    );
    assert_eq!(is_read(&model, "a"), Some(true), "still read");
    assert_eq!(is_read(&model, "b"), None, "still removed");
    // Once the server has them, its word counts again.
    let keys: Vec<String> = model.link.changes.iter().map(|q| q.key.clone()).collect();
    for key in keys {
        model.apply(
            LinkAction::Sent {
                key,
                overruled: false,
            },
            7_000.0,
        );
    }
    model.apply(CenterAction::Merge(vec![from_server("a", false)]), 8_000.0);
    assert_eq!(is_read(&model, "a"), Some(false));
}

#[test]
fn an_event_decided_earlier_does_not_undo_a_waiting_change_but_a_later_one_wins() {
    let mut model = synced();
    model.apply(CenterAction::SetRead(id("a"), true), 5_000.0);
    let unread = |at: f64| {
        Action::Center(CenterAction::Synced(Event::Read {
            ids: vec!["a".into()],
            read: false,
            at: Some(at),
        }))
    };
    // Another device marked it unread at 4 s: this browser's read at 5 s is later, and wins.
    assert!(!model.apply(unread(4_000.0), 6_000.0));
    assert_eq!(is_read(&model, "a"), Some(true));
    // Another device marked it unread at 9 s: later than the read here, so it is shown.
    assert!(model.apply(unread(9_000.0), 9_500.0));
    assert_eq!(is_read(&model, "a"), Some(false));
    // A removal elsewhere always stands.
    assert!(model.apply(
        CenterAction::Synced(Event::Removed {
            ids: vec!["a".into()]
        }),
        9_600.0
    ));
    assert_eq!(is_read(&model, "a"), None);
}

#[test]
fn a_change_the_server_did_not_take_as_made_reloads_the_history() {
    let mut model = synced();
    model.apply(CenterAction::SetRead(id("a"), true), 5_000.0);
    let key = model.link.changes[0].key.clone();
    model.apply(
        LinkAction::Sent {
            key,
            overruled: true,
        },
        6_000.0,
    );
    assert_eq!(model.link.history_reloads, 1);
}

#[test]
fn mark_all_read_and_clear_read_guard_the_entries_they_changed() {
    let mut model = synced();
    model.apply(CenterAction::MarkAllRead(Filter::All), 5_000.0);
    let queued = model.link.changes.back().unwrap();
    let guarded: HashSet<String> = queued.ids.iter().map(ToString::to_string).collect();
    assert_eq!(guarded, HashSet::from(["a".into(), "b".into(), "c".into()]));
    model.apply(CenterAction::ClearRead(Filter::All), 5_001.0);
    assert!(model.center.newest_first().next().is_none());
    // The history, from before the server heard: nothing comes back.
    model.apply(
        CenterAction::Merge(vec![from_server("a", false), from_server("c", true)]),
        6_000.0,
    );
    assert!(model.center.newest_first().next().is_none());
}

#[test]
fn changes_from_storage_and_other_tabs_join_the_queue_in_key_order_once() {
    let mut model = synced();
    let made = |at: f64, tab: &str, i: &str| Queued {
        key: Queued::key_of(at, tab, 1),
        at,
        op: SyncOp::Read(vec![id(i)], true),
        ids: vec![id(i)],
    };
    // The other tab's read of "c" reached this one (as its entry, through storage or the tabs).
    model.apply(CenterAction::Merge(vec![from_server("c", true)]), 0.0);
    assert_eq!(is_read(&model, "c"), Some(true));
    let late = made(9_000.0, "t2", "b");
    let early = made(2_000.0, "t3", "c");
    assert!(model.apply(LinkAction::Queue(vec![late.clone(), early.clone()]), 0.0));
    assert!(
        !model.apply(LinkAction::Queue(vec![late.clone()]), 0.0),
        "once"
    );
    let keys: Vec<&str> = model.link.changes.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys, [early.key.as_str(), late.key.as_str()]);
    // Their entries are guarded too: the server's history from before the read does not undo it.
    model.apply(CenterAction::Merge(vec![from_server("c", false)]), 0.0);
    assert_eq!(
        is_read(&model, "c"),
        Some(true),
        "a queued change from another tab guards its entry"
    );
    assert!(model.apply(LinkAction::Dequeue(vec![early.key.clone()]), 0.0));
    assert_eq!(model.link.changes.len(), 1);
    // Once it has left the queue, the server's word counts again.
    model.apply(CenterAction::Merge(vec![from_server("c", false)]), 0.0);
    assert_eq!(
        is_read(&model, "c"),
        Some(false),
        "the guard ends with the change"
    );
    // A queued change round-trips through storage's JSON.
    assert_eq!(Queued::from_stored(late.to_stored()), late);
}

#[test]
fn without_a_token_nothing_is_queued() {
    let mut model = Model::for_tab("t1");
    model.apply(CenterAction::Publish(add(Method::AddError, "x", 1.0)), 0.0);
    model.apply(CenterAction::SetRead(id("x"), true), 1.0);
    assert!(model.link.changes.is_empty());
    // The record format is unchanged by the queue.
    let entry = model.center.get(&id("x")).unwrap();
    assert!(record_of(entry).read);
}

#[test]
fn preferences_show_as_this_browser_knows_them_until_the_server_speaks() {
    let prefs = |digest: u32| Preferences {
        digest_minutes: digest,
        ..Preferences::default()
    };
    let queued = |at: f64, digest: u32| Queued {
        key: Queued::key_of(at, "t2", 1),
        at,
        op: SyncOp::Preferences(prefs(digest)),
        ids: Vec::new(),
    };
    // A reload while the server is away: the copy kept of its last answer shows at once.
    let mut model = synced();
    assert_eq!(model.settings.preferences, None);
    assert!(model.apply(SettingsAction::StoredPreferences(prefs(5)), 0.0));
    assert_eq!(model.settings.preferences, Some(prefs(5)));
    // The changes made before the reload, still waiting, are newer: the latest of them shows.
    assert!(model.apply(
        LinkAction::Queue(vec![queued(3_000.0, 30), queued(2_000.0, 15)]),
        0.0
    ));
    assert_eq!(
        model.settings.preferences,
        Some(prefs(30)),
        "the latest waiting change"
    );
    // The stored copy never covers what is shown already.
    assert!(!model.apply(SettingsAction::StoredPreferences(prefs(5)), 0.0));
    assert_eq!(model.settings.preferences, Some(prefs(30)));
    // While they wait, the server's older word does not undo them; once sent, it counts.
    model.apply(
        CenterAction::Synced(Event::Preferences {
            preferences: prefs(60),
        }),
        0.0,
    );
    assert_eq!(model.settings.preferences, Some(prefs(30)));
    // Once none waits, the server's last word heard meanwhile shows: it may be another device's
    // later change, which the server took after these (it was dropped before, and this screen kept
    // the older choice until a reload).
    let keys: Vec<String> = model.link.changes.iter().map(|q| q.key.clone()).collect();
    assert!(model.apply(LinkAction::Dequeue(keys), 0.0));
    assert_eq!(
        model.settings.preferences,
        Some(prefs(60)),
        "the word held while they waited"
    );
    model.apply(
        CenterAction::Synced(Event::Preferences {
            preferences: prefs(15),
        }),
        0.0,
    );
    assert_eq!(
        model.settings.preferences,
        Some(prefs(15)),
        "nothing waits: the server's word"
    );
}

#[test]
fn another_devices_preferences_heard_while_a_change_here_is_on_its_way_show_once_it_is_taken() {
    let prefs = |digest: u32| Preferences {
        digest_minutes: digest,
        ..Preferences::default()
    };
    let mut model = synced();
    model.apply(SettingsAction::SetPreferences(prefs(5)), 0.0);
    let key = model.link.changes[0].key.clone();
    // The server took this browser's change, then another device's; the stream brings both
    // before this browser hears that its own was taken.
    for minutes in [5, 30] {
        model.apply(
            CenterAction::Synced(Event::Preferences {
                preferences: prefs(minutes),
            }),
            0.0,
        );
        assert_eq!(
            model.settings.preferences,
            Some(prefs(5)),
            "the change on its way shows"
        );
    }
    model.apply(
        LinkAction::Sent {
            key,
            overruled: false,
        },
        0.0,
    );
    assert_eq!(
        model.settings.preferences,
        Some(prefs(30)),
        "the other device's later choice"
    );
}
