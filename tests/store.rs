//! Native tests of the reducer: center entries, unread counts, the pop-up limit, repeats.
#![cfg(not(target_arch = "wasm32"))]

mod fixtures;

use amocrm_notify::notification::Method;
use amocrm_notify::store::{
    CenterAction, Filter, Model, PopupAction, MAX_VISIBLE, MAX_WAITING_TRANSIENT,
};
use fixtures::{id, notification};

#[test]
fn add_methods_fill_the_center_and_show_methods_do_not() {
    let mut model = Model::default();
    assert!(model.apply(
        CenterAction::Publish(notification(Method::ShowMessage, "a", "1")),
        0.0
    ));
    assert!(model.apply(
        CenterAction::Publish(notification(Method::ShowMessageError, "b", "2")),
        0.0
    ));
    assert!(model.apply(
        CenterAction::Publish(notification(Method::ShowNotification, "c", "3")),
        0.0
    ));
    assert_eq!(model.center.len(), 0);
    assert!(model.apply(
        CenterAction::Publish(notification(Method::AddError, "d", "4")),
        0.0
    ));
    assert!(model.apply(
        CenterAction::Publish(notification(Method::AddCall, "e", "5")),
        0.0
    ));
    assert_eq!((model.center.len(), model.center.unread()), (2, 2));
    let newest: Vec<_> = model
        .center
        .newest_first()
        .map(|e| e.notification.id.to_string())
        .collect();
    assert_eq!(newest, ["e", "d"]);
    assert_eq!(model.popups.visible().len(), 5);
}

#[test]
fn read_state_and_counts() {
    let mut model = Model::default();
    for i in 0..3 {
        model.apply(
            CenterAction::Publish(notification(
                Method::AddError,
                &i.to_string(),
                &i.to_string(),
            )),
            0.0,
        );
    }
    assert!(model.apply(CenterAction::SetRead(id("1"), true), 0.0));
    assert!(
        !model.apply(CenterAction::SetRead(id("1"), true), 0.0),
        "marking twice changes nothing"
    );
    assert!(!model.apply(CenterAction::SetRead(id("missing"), true), 0.0));
    assert_eq!(model.center.unread(), 2);
    assert!(model.apply(CenterAction::MarkAllRead(Filter::All), 0.0));
    assert!(!model.apply(CenterAction::MarkAllRead(Filter::All), 0.0));
    assert_eq!(model.center.unread(), 0);
    assert!(model.center.newest_first().all(|e| e.read));
}

#[test]
fn the_same_id_is_never_counted_twice() {
    let mut model = Model::default();
    assert!(model.apply(
        CenterAction::Publish(notification(Method::AddError, "x", "1")),
        0.0
    ));
    assert!(!model.apply(
        CenterAction::Publish(notification(Method::AddError, "x", "1")),
        0.0
    ));
    assert_eq!((model.center.len(), model.center.unread()), (1, 1));
}

#[test]
fn the_newest_five_show_and_the_older_wait_behind_them() {
    let mut model = Model::default();
    for i in 0..8 {
        model.apply(
            CenterAction::Publish(notification(
                Method::ShowMessageError,
                &format!("p{i}"),
                &format!("text {i}"),
            )),
            0.0,
        );
    }
    assert_eq!(visible_ids(&model), ["p3", "p4", "p5", "p6", "p7"]);
    assert_eq!(model.popups.waiting(), 3);
    assert!(model.apply(PopupAction::Dismiss(id("p3")), 0.0));
    assert_eq!(
        visible_ids(&model),
        ["p2", "p4", "p5", "p6", "p7"],
        "the newest waiting one comes back, above the others"
    );
    assert!(model.apply(PopupAction::DismissNewest, 0.0));
    assert_eq!(visible_ids(&model), ["p1", "p2", "p4", "p5", "p6"]);
    assert_eq!(model.popups.waiting(), 1);
    assert!(
        model.apply(PopupAction::Dismiss(id("p0")), 0.0),
        "dismissed in line"
    );
    assert!(
        !model.apply(PopupAction::Dismiss(id("p0")), 0.0),
        "already gone"
    );
}

#[test]
fn a_call_is_on_screen_at_once_however_many_errors_wait() {
    let mut model = Model::default();
    for i in 0..7 {
        let error = notification(Method::AddError, &format!("e{i}"), &format!("error {i}"));
        model.apply(CenterAction::Publish(error), 0.0);
    }
    model.apply(
        CenterAction::Publish(notification(Method::AddCall, "call", "ringing")),
        0.0,
    );
    assert_eq!(visible_ids(&model).last().unwrap(), "call");
    assert_eq!(model.popups.waiting(), 3);
}

#[test]
fn the_stack_shows_no_more_than_the_screen_has_room_for() {
    let mut model = Model::default();
    for i in 0..5 {
        let call = notification(Method::AddCall, &format!("c{i}"), &format!("call {i}"));
        model.apply(CenterAction::Publish(call), 0.0);
    }
    assert!(model.apply(PopupAction::SetRoom(2), 0.0));
    assert_eq!(visible_ids(&model), ["c3", "c4"]);
    assert_eq!(model.popups.waiting(), 3);
    assert!(!model.apply(PopupAction::SetRoom(2), 0.0), "unchanged");
    // Never less than one: the newest always shows.
    model.apply(PopupAction::SetRoom(0), 0.0);
    assert_eq!(visible_ids(&model), ["c4"]);
    model.apply(
        CenterAction::Publish(notification(Method::AddCall, "c5", "call 5")),
        0.0,
    );
    assert_eq!(visible_ids(&model), ["c5"]);
    assert!(model.apply(PopupAction::SetRoom(9), 0.0));
    assert_eq!(visible_ids(&model), ["c1", "c2", "c3", "c4", "c5"]);
    // Emptied, the stack forgets the room: the next pop-ups are measured afresh.
    model.apply(PopupAction::SetRoom(1), 0.0);
    model.apply(PopupAction::DismissAll, 0.0);
    for i in 0..3 {
        let call = notification(Method::AddCall, &format!("n{i}"), &format!("new {i}"));
        model.apply(CenterAction::Publish(call), 0.0);
    }
    assert_eq!(visible_ids(&model), ["n0", "n1", "n2"]);
}

#[test]
fn dismiss_all_clears_the_screen_and_the_line() {
    let mut model = Model::default();
    for i in 0..50 {
        let error = notification(Method::AddError, &format!("e{i}"), &format!("error {i}"));
        model.apply(CenterAction::Publish(error), 0.0);
    }
    assert!(model.apply(PopupAction::DismissAll, 0.0));
    assert_eq!(
        (model.popups.visible().len(), model.popups.waiting()),
        (0, 0)
    );
    assert_eq!(model.center.len(), 50, "the center keeps them");
    assert!(!model.apply(PopupAction::DismissAll, 0.0));
}

#[test]
fn pop_ups_of_entries_read_or_removed_in_the_center_leave_the_stack() {
    let mut model = Model::default();
    for i in 0..8 {
        let error = notification(Method::AddError, &format!("e{i}"), &format!("error {i}"));
        model.apply(CenterAction::Publish(error), 0.0);
    }
    model.apply(
        CenterAction::Publish(notification(Method::ShowMessageError, "m", "not kept")),
        0.0,
    );
    model.apply(CenterAction::SetRead(id("e7"), true), 0.0);
    model.apply(CenterAction::Remove(id("e6")), 0.0);
    assert!(!visible_ids(&model).contains(&"e7".to_owned()));
    assert!(!visible_ids(&model).contains(&"e6".to_owned()));
    model.apply(CenterAction::MarkAllRead(Filter::All), 0.0);
    assert_eq!(
        visible_ids(&model),
        ["m"],
        "only the pop-up with no entry stays"
    );
    assert_eq!(model.popups.waiting(), 0);
}

#[test]
fn repeats_collapse_into_the_visible_popup() {
    let mut model = Model::default();
    for i in 0..50 {
        model.apply(
            CenterAction::Publish(notification(Method::ShowMessage, &format!("r{i}"), "same")),
            0.0,
        );
    }
    assert_eq!(model.popups.visible().len(), 1);
    assert_eq!(model.popups.visible()[0].count, 50);
    // The center still keeps every add_* call.
    for i in 0..3 {
        model.apply(
            CenterAction::Publish(notification(
                Method::AddError,
                &format!("e{i}"),
                "same error",
            )),
            0.0,
        );
    }
    assert_eq!(model.center.len(), 3);
    assert_eq!(model.popups.visible().len(), 2);
    assert_eq!(model.popups.visible()[1].count, 3);
}

#[test]
fn dismissing_nothing_changes_nothing() {
    let mut model = Model::default();
    assert!(!model.apply(PopupAction::DismissNewest, 0.0));
    assert!(!model.apply(PopupAction::Dismiss(id("none")), 0.0));
}

fn visible_ids(model: &Model) -> Vec<String> {
    model
        .popups
        .visible()
        .iter()
        .map(|p| p.notification.id.to_string())
        .collect()
}

#[test]
fn a_pop_up_that_waits_is_never_dropped_for_having_waited() {
    // An information pop-up (5 s lifetime) steps back at 1 s when five errors arrive, and waits
    // an hour: its lifetime runs only on screen, so it still comes back.
    let mut model = Model::default();
    model.apply(
        CenterAction::Publish(notification(Method::ShowMessage, "info", "info")),
        0.0,
    );
    for i in 0..MAX_VISIBLE {
        let error = notification(Method::AddError, &format!("e{i}"), &format!("error {i}"));
        model.apply(CenterAction::Publish(error), 1_000.0);
    }
    assert_eq!(model.popups.waiting(), 1);
    model.apply(PopupAction::DismissNewest, 3_600_000.0);
    assert_eq!(visible_ids(&model), ["info", "e0", "e1", "e2", "e3"]);
    assert_eq!(model.popups.waiting(), 0);
}

#[test]
fn more_expands_the_stack_to_every_pop_up_and_collapses_when_none_waits() {
    let mut model = Model::default();
    assert!(
        !model.apply(PopupAction::Expand(true), 0.0),
        "nothing waits: nothing to expand"
    );
    for i in 0..MAX_VISIBLE + 3 {
        let method = if i % 2 == 0 {
            Method::ShowMessage
        } else {
            Method::AddError
        };
        model.apply(
            CenterAction::Publish(notification(
                method,
                &format!("p{i}"),
                &format!("pop-up {i}"),
            )),
            0.0,
        );
    }
    assert_eq!(model.popups.waiting(), 3);
    assert!(model.apply(PopupAction::Expand(true), 0.0));
    assert!(model.popups.is_expanded());
    let all: Vec<String> = model
        .popups
        .all()
        .iter()
        .map(|p| p.notification.id.to_string())
        .collect();
    assert_eq!(
        all,
        (0..MAX_VISIBLE + 3)
            .map(|i| format!("p{i}"))
            .collect::<Vec<_>>(),
        "every pop-up, oldest first, the waiting ones of both kinds included"
    );
    // Closing one that waits, from the expanded stack.
    model.apply(PopupAction::Dismiss(id("p0")), 0.0);
    assert_eq!(model.popups.waiting(), 2);
    assert!(model.apply(PopupAction::Expand(false), 0.0));
    assert!(!model.popups.is_expanded());
    // Expanded again, then the line empties: it collapses by itself.
    model.apply(PopupAction::Expand(true), 0.0);
    model.apply(PopupAction::Dismiss(id("p1")), 0.0);
    model.apply(PopupAction::Dismiss(id("p2")), 0.0);
    assert_eq!(model.popups.waiting(), 0);
    assert!(!model.popups.is_expanded());
}

#[test]
fn a_flood_keeps_every_entry_and_a_bounded_line() {
    const CALLS: usize = 100_000;
    let mut model = Model::default();
    for method in Method::ALL {
        for i in 0..CALLS {
            let text = format!("{} {i}", method.name());
            let n = notification(method, &text, &text);
            assert!(model.apply(CenterAction::Publish(n), i as f64 * 0.01));
        }
    }
    assert_eq!(
        model.center.len(),
        2 * CALLS,
        "every add_* is in the center"
    );
    assert_eq!(model.center.unread(), 2 * CALLS);
    assert_eq!(model.popups.visible().len(), MAX_VISIBLE);
    // The last five add_call calls are on screen. Of the show_message calls (they close by
    // themselves) only the newest MAX_WAITING_TRANSIENT wait. Errors and calls all wait: add_*,
    // show_message_error and show_notification (type "error" here) stay until closed.
    let kept = 4 * CALLS - MAX_VISIBLE;
    assert_eq!(model.popups.waiting(), kept + MAX_WAITING_TRANSIENT);
}
