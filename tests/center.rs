//! Native tests of the center: order, filters, read state, removal, the journal other tabs and
//! storage read, and the stored record format.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

mod fixtures;

use amocrm_notify::components::{Layout, Row, DAY_HEIGHT, ENTRY_HEIGHT};
use amocrm_notify::i18n::Language;
use amocrm_notify::notification::Method;
use amocrm_notify::store::record::{entry_of, record_of, Record};
use amocrm_notify::store::{Action, Applied, CenterAction, Change, Delivery, Entry, Filter, Model};
use fixtures::{add, id};

const DAY_MS: f64 = 86_400_000.0;

fn ids(model: &Model, filter: Filter) -> Vec<String> {
    model
        .center
        .view(filter)
        .iter()
        .map(|e| e.id().to_string())
        .collect()
}

/// Dates in seconds: a-1 at 10 s, a-2 at 30 s, a-10 at 20 s, and a call at 40 s.
fn sample() -> Model {
    let mut model = Model::default();
    for (method, id, secs) in [
        (Method::AddError, "a-1", 10.0),
        (Method::AddError, "a-2", 30.0),
        (Method::AddError, "a-10", 20.0),
        (Method::AddCall, "a-3", 40.0),
    ] {
        assert!(model.apply(CenterAction::Publish(add(method, id, secs * 1000.0)), 0.0));
    }
    model
}

#[test]
fn entries_are_ordered_by_date_then_by_sequence_number() {
    let mut model = sample();
    assert_eq!(ids(&model, Filter::All), ["a-3", "a-2", "a-10", "a-1"]);
    // Same date: "a-10" follows "a-9", though it sorts before it as a string.
    model.apply(
        CenterAction::Publish(add(Method::AddError, "b-10", 50_000.0)),
        0.0,
    );
    model.apply(
        CenterAction::Publish(add(Method::AddError, "b-9", 50_000.0)),
        0.0,
    );
    assert_eq!(ids(&model, Filter::All)[..2], ["b-10", "b-9"]);
}

#[test]
fn filters_and_their_counts() {
    let mut model = sample();
    model.apply(CenterAction::SetRead(id("a-2"), true), 0.0);
    assert_eq!(ids(&model, Filter::Unread), ["a-3", "a-10", "a-1"]);
    assert_eq!(ids(&model, Filter::Errors), ["a-2", "a-10", "a-1"]);
    assert_eq!(ids(&model, Filter::Calls), ["a-3"]);
    for filter in Filter::ALL {
        assert_eq!(
            model.center.count_of(filter),
            model.center.view(filter).len(),
            "{filter:?}"
        );
    }
    assert_eq!(model.center.read_count_of(Filter::Errors), 1);
    assert_eq!(model.center.read_count_of(Filter::Calls), 0);
}

#[test]
fn read_unread_and_remove() {
    let mut model = sample();
    assert!(model.apply(CenterAction::SetRead(id("a-1"), true), 0.0));
    assert!(!model.apply(CenterAction::SetRead(id("a-1"), true), 0.0));
    assert!(model.apply(CenterAction::SetRead(id("a-1"), false), 0.0));
    assert_eq!(model.center.unread(), 4);
    assert!(model.apply(CenterAction::Remove(id("a-10")), 0.0));
    assert!(!model.apply(CenterAction::Remove(id("a-10")), 0.0));
    assert_eq!(ids(&model, Filter::All), ["a-3", "a-2", "a-1"]);
    assert_eq!((model.center.unread(), model.center.len()), (3, 3));
    // Removed, then the same id again: it is new.
    assert!(model.apply(
        CenterAction::Publish(add(Method::AddError, "a-10", 20_000.0)),
        0.0
    ));
    assert_eq!(model.center.len(), 4);
}

#[test]
fn mark_all_read_and_clear_read_act_on_the_filter() {
    let mut model = sample();
    assert!(model.apply(CenterAction::MarkAllRead(Filter::Calls), 0.0));
    assert_eq!(ids(&model, Filter::Unread), ["a-2", "a-10", "a-1"]);
    assert!(
        !model.apply(CenterAction::ClearRead(Filter::Errors), 0.0),
        "no read error"
    );
    assert!(model.apply(CenterAction::ClearRead(Filter::Calls), 0.0));
    assert_eq!(ids(&model, Filter::All), ["a-2", "a-10", "a-1"]);
    assert_eq!(model.center.count_of(Filter::Calls), 0);
    model.apply(CenterAction::SetRead(id("a-1"), true), 0.0);
    assert!(model.apply(CenterAction::ClearRead(Filter::All), 0.0));
    assert_eq!(ids(&model, Filter::All), ["a-2", "a-10"]);
    assert_eq!(model.center.unread(), 2);
}

#[test]
fn the_journal_holds_this_tabs_changes_only() {
    let mut model = Model::default();
    let published = model.update(
        Action::Center(CenterAction::Publish(add(Method::AddError, "x-1", 0.0))),
        0.0,
    );
    assert!(published.changed);
    assert_eq!(
        published.published.len(),
        1,
        "a stored notification is announced"
    );
    assert!(matches!(&published.journal[..], [Change::Put(e)] if e.id().as_str() == "x-1"));
    let mut journal = Vec::new();
    for action in [
        Action::Center(CenterAction::Publish(add(Method::AddError, "x-2", 1.0))),
        Action::Center(CenterAction::SetRead(id("x-1"), true)),
        Action::Center(CenterAction::Remove(id("x-2"))),
    ] {
        journal.extend(model.update(action, 0.0).journal);
    }
    assert!(matches!(&journal[0], Change::Put(e) if e.id().as_str() == "x-2" && !e.read));
    assert!(matches!(&journal[1], Change::Put(e) if e.id().as_str() == "x-1" && e.read));
    assert_eq!(journal[2], Change::Delete(id("x-2")));
    assert_eq!(journal.len(), 3);
    let message = model.update(
        Action::Center(CenterAction::Publish(add(Method::ShowMessage, "m-1", 2.0))),
        0.0,
    );
    assert!(message.changed && message.journal.is_empty() && message.published.is_empty());
    assert_eq!(
        model.update(Action::Center(CenterAction::Remove(id("x-2"))), 0.0),
        Applied::default(),
        "nothing changed, nothing logged"
    );

    // Another tab's changes: applied, not journaled again, and never counted twice.
    let mut other = Model::default();
    let entry = Entry::unread(add(Method::AddError, "y-1", 5.0));
    assert!(other.apply(CenterAction::Apply(vec![Change::Put(entry.clone())]), 0.0));
    assert!(!other.apply(CenterAction::Apply(vec![Change::Put(entry.clone())]), 0.0));
    assert_eq!(other.center.unread(), 1);
    let read = Entry {
        read: true,
        ..entry
    };
    assert!(other.apply(CenterAction::Apply(vec![Change::Put(read)]), 0.0));
    assert_eq!((other.center.unread(), other.center.len()), (0, 1));
    assert!(
        other.popups.visible().is_empty(),
        "no pop-up for another tab's entry"
    );
    let applied = model.update(
        Action::Center(CenterAction::Apply(vec![Change::Delete(id("x-1"))])),
        0.0,
    );
    assert!(applied.changed && applied.journal.is_empty());
    assert!(model.center.is_empty());
}

/// A record as JSON text, natively (the app itself uses the browser's JSON).
fn to_json(entry: &Entry) -> String {
    serde_json::to_string(&record_of(entry)).unwrap()
}

fn from_json(json: &str) -> Result<Entry, String> {
    serde_json::from_str::<Record>(json)
        .map_err(|e| e.to_string())
        .and_then(entry_of)
}

#[test]
fn records_round_trip() {
    for notification in [
        add(Method::AddError, "r-1", 1_700_000_000_000.0),
        add(Method::AddCall, "r-2", 1_700_000_000_001.0),
    ] {
        for delivery in [Delivery::Local, Delivery::Pending, Delivery::Delivered] {
            let entry = Entry {
                notification: Rc::clone(&notification),
                read: true,
                delivery,
                sent: Vec::new(),
            };
            assert_eq!(from_json(&to_json(&entry)), Ok(entry));
        }
    }
}

#[test]
fn a_bad_record_is_refused_with_the_reason() {
    let good = to_json(&Entry::unread(add(Method::AddError, "r-1", 0.0)));
    let with = |from: &str, to: &str| {
        assert!(good.contains(from), "{from} in {good}");
        from_json(&good.replacen(from, to, 1)).unwrap_err()
    };
    assert!(with("\"id\":\"r-1\",", "").starts_with("missing field `id`"));
    assert_eq!(
        with("\"v\":1", "\"v\":2"),
        "v is schema 2 (this build reads 1)"
    );
    assert_eq!(
        with("\"method\":\"add_error\"", "\"method\":\"show_message\""),
        "method \"show_message\" is not stored in the center (add_error or add_call)"
    );
    assert_eq!(
        with("\"kind\":\"error\"", "\"kind\":\"call\""),
        "kind \"call\" does not go with add_error"
    );
    assert_eq!(
        with("\"link\":\"/contacts", "\"link\":\"javascript:alert(1)//"),
        "link uses the \"javascript:\" scheme; only http(s) URLs and paths on this site are allowed"
    );
    assert!(with("\"delivery\":\"local\"", "\"delivery\":\"sent\"")
        .starts_with("unknown variant `sent`, expected one of `local`, `pending`, `delivered`"));
    assert!(with("\"date\":0.0", "\"date\":\"soon\"")
        .starts_with("invalid type: string \"soon\", expected f64"));
    assert!(with("\"read\":false", "\"read\":1")
        .starts_with("invalid type: integer `1`, expected a boolean"));
    assert!(with("\"v\":1", "\"v\":1,\"onclick\":1").starts_with("unknown field `onclick`"));
}

#[test]
fn the_layout_groups_by_day_and_finds_rows_by_position() {
    let now = 10.0 * DAY_MS + 3_600_000.0;
    let mut model = Model::default();
    for (i, date) in [now, now - 60_000.0, now - DAY_MS, now - 5.0 * DAY_MS]
        .into_iter()
        .enumerate()
    {
        model.apply(
            CenterAction::Publish(add(Method::AddError, &format!("d-{i}"), date)),
            0.0,
        );
    }
    let entries = model.center.view(Filter::All);
    let layout = Layout::new(&entries, now, 0.0, Language::En);
    let labels: Vec<String> = layout
        .rows()
        .iter()
        .map(|row| match row {
            Row::Day(label) => label.to_string(),
            Row::Entry(i) => format!("#{i}"),
        })
        .collect();
    assert_eq!(
        labels,
        ["Today", "#0", "#1", "Yesterday", "#2", "6 Jan 1970", "#3"]
    );
    assert_eq!(layout.height(), 3 * DAY_HEIGHT + 4 * ENTRY_HEIGHT);
    assert_eq!(layout.entry_top(2), 2 * DAY_HEIGHT + 2 * ENTRY_HEIGHT);
    assert_eq!(layout.rows_between(0, 1), 0..1);
    // A view starting inside entry #1 and ending inside the "Yesterday" heading.
    let from = DAY_HEIGHT + ENTRY_HEIGHT + 10;
    assert_eq!(layout.rows_between(from, from + ENTRY_HEIGHT), 2..4);
    assert!(layout
        .rows_between(layout.height(), layout.height() + 500)
        .is_empty());
}

#[test]
fn records_written_by_earlier_builds_still_read() {
    // Exactly as serde_json wrote them before the app had its own JSON writer.
    let stored = r#"{"v":1,"id":"old-7","method":"add_call","kind":"call","header":"","text":"Call from <b>Jeremy</b>","date":1700000000000.0,"call":{"from":"Jeremy Watts","element":{"type":"contact","id":18221265},"duration":250},"read":true,"delivery":"pending"}"#;
    let entry = from_json(stored).expect("an earlier record reads");
    assert_eq!(entry.id().as_str(), "old-7");
    assert!(entry.read);
    assert_eq!(entry.delivery, Delivery::Pending);
    assert_eq!(entry.notification.date_ms, 1_700_000_000_000.0);
    let call = entry.notification.call.as_ref().expect("call details");
    assert_eq!(call.from.as_deref(), Some("Jeremy Watts"));
    assert_eq!(call.duration_secs, Some(250));
    assert_eq!(call.entity.as_ref().map(|e| e.id), Some(18_221_265));
    // And what this build writes reads back the same.
    assert_eq!(from_json(&to_json(&entry)), Ok(entry));
}
