//! Native tests of the reducer: center entries, unread counts, the pop-up limit, repeats.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use amocrm_notify::api::{parse, JsInput};
use amocrm_notify::notification::{Method, Notification, NotificationId};
use amocrm_notify::store::{Action, Model, MAX_VISIBLE};

fn notification(method: Method, id: &str, text: &str) -> Rc<Notification> {
    let mut fields = vec![
        ("text", JsInput::String(text.into())),
        ("header", JsInput::String("h".into())),
    ];
    if method == Method::ShowNotification {
        fields = vec![
            (
                "text",
                JsInput::Object(vec![
                    ("header", JsInput::String("h".into())),
                    ("text", JsInput::String(text.into())),
                ]),
            ),
            ("type", JsInput::String("error".into())),
        ];
    }
    Rc::new(
        parse(method, &JsInput::Object(fields), 0.0)
            .unwrap()
            .into_notification(NotificationId::new(id)),
    )
}

fn id(s: &str) -> NotificationId {
    NotificationId::new(s)
}

#[test]
fn add_methods_fill_the_center_and_show_methods_do_not() {
    let mut model = Model::default();
    assert!(model.apply(Action::Publish(notification(Method::ShowMessage, "a", "1"))));
    assert!(model.apply(Action::Publish(notification(
        Method::ShowMessageError,
        "b",
        "2"
    ))));
    assert!(model.apply(Action::Publish(notification(
        Method::ShowNotification,
        "c",
        "3"
    ))));
    assert_eq!(model.center.len(), 0);
    assert!(model.apply(Action::Publish(notification(Method::AddError, "d", "4"))));
    assert!(model.apply(Action::Publish(notification(Method::AddCall, "e", "5"))));
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
        model.apply(Action::Publish(notification(
            Method::AddError,
            &i.to_string(),
            &i.to_string(),
        )));
    }
    assert!(model.apply(Action::MarkRead(id("1"))));
    assert!(
        !model.apply(Action::MarkRead(id("1"))),
        "marking twice changes nothing"
    );
    assert!(!model.apply(Action::MarkRead(id("missing"))));
    assert_eq!(model.center.unread(), 2);
    assert!(model.apply(Action::MarkAllRead));
    assert!(!model.apply(Action::MarkAllRead));
    assert_eq!(model.center.unread(), 0);
    assert!(model.center.newest_first().all(|e| e.read));
}

#[test]
fn the_same_id_is_never_counted_twice() {
    let mut model = Model::default();
    assert!(model.apply(Action::Publish(notification(Method::AddError, "x", "1"))));
    assert!(!model.apply(Action::Publish(notification(Method::AddError, "x", "1"))));
    assert_eq!((model.center.len(), model.center.unread()), (1, 1));
}

#[test]
fn at_most_five_visible_the_rest_wait_in_order() {
    let mut model = Model::default();
    for i in 0..8 {
        model.apply(Action::Publish(notification(
            Method::ShowMessageError,
            &format!("p{i}"),
            &format!("text {i}"),
        )));
    }
    assert_eq!(model.popups.visible().len(), MAX_VISIBLE);
    assert_eq!(model.popups.waiting(), 3);
    assert!(model.apply(Action::Dismiss(id("p0"))));
    let visible: Vec<_> = model
        .popups
        .visible()
        .iter()
        .map(|p| p.notification.id.to_string())
        .collect();
    assert_eq!(
        visible,
        ["p1", "p2", "p3", "p4", "p5"],
        "the first waiting one moves up"
    );
    assert!(model.apply(Action::DismissNewest));
    assert_eq!(
        model
            .popups
            .visible()
            .last()
            .unwrap()
            .notification
            .id
            .as_str(),
        "p6"
    );
    assert_eq!(model.popups.waiting(), 1);
    assert!(!model.apply(Action::Dismiss(id("p0"))), "already gone");
}

#[test]
fn repeats_collapse_into_the_visible_popup() {
    let mut model = Model::default();
    for i in 0..50 {
        model.apply(Action::Publish(notification(
            Method::ShowMessage,
            &format!("r{i}"),
            "same",
        )));
    }
    assert_eq!(model.popups.visible().len(), 1);
    assert_eq!(model.popups.visible()[0].count, 50);
    // The center still keeps every add_* call.
    for i in 0..3 {
        model.apply(Action::Publish(notification(
            Method::AddError,
            &format!("e{i}"),
            "same error",
        )));
    }
    assert_eq!(model.center.len(), 3);
    assert_eq!(model.popups.visible().len(), 2);
    assert_eq!(model.popups.visible()[1].count, 3);
}

#[test]
fn dismissing_nothing_changes_nothing() {
    let mut model = Model::default();
    assert!(!model.apply(Action::DismissNewest));
    assert!(!model.apply(Action::Dismiss(id("none"))));
}
