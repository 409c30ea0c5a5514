//! Native tests of payload parsing and validation: every reference example, every field-notes
//! shape, and the invalid cases with the exact messages developers see.
#![cfg(not(target_arch = "wasm32"))]

use amocrm_notify::api::{parse, ApiError, JsInput, Level};
use amocrm_notify::notification::{EntityKind, Kind, Link, Method, Notification, NotificationId};

const NOW: f64 = 1_764_000_000_000.0;

fn obj(fields: Vec<(&'static str, JsInput)>) -> JsInput {
    JsInput::Object(fields)
}
fn s(text: &str) -> JsInput {
    JsInput::String(text.into())
}
fn n(value: f64) -> JsInput {
    JsInput::Number(value)
}

fn ok(method: Method, params: JsInput) -> Notification {
    parse(method, &params, NOW)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_notification(NotificationId::new("t-1"))
}

fn err(method: Method, params: JsInput) -> String {
    parse(method, &params, NOW)
        .expect_err("the call should be refused")
        .to_string()
}

#[test]
fn reference_show_message() {
    let params = obj(vec![
        ("header", s("Warning")),
        ("text", s("Connection established")),
        ("date", n(19_534_084_500.0)),
        ("icon", s("https://www.example.com/images/telephone.png")),
    ]);
    let parsed = parse(Method::ShowMessage, &params, NOW).unwrap();
    assert_eq!(parsed.notices.len(), 1, "one warning about the date");
    assert_eq!(parsed.notices[0].level, Level::Warn);
    assert!(parsed.notices[0]
        .message
        .contains("\"date\" is more than a year ahead (year 2589)"));
    let n = parsed.into_notification(NotificationId::new("t-1"));
    assert_eq!(n.kind, Kind::Info);
    assert_eq!(n.header.text(), "Warning");
    assert_eq!(n.text.text(), "Connection established");
    assert_eq!(n.date_ms, NOW);
    assert_eq!(
        n.icon,
        Some(Link::External(
            "https://www.example.com/images/telephone.png".into()
        ))
    );
    assert_eq!(n.timeout_ms, Some(5_000));
    assert!(!n.method.is_stored());
}

#[test]
fn reference_show_message_error_and_show_notification() {
    let e = ok(
        Method::ShowMessageError,
        obj(vec![
            ("header", s("Warning")),
            ("text", s("Connection to the server is lost")),
        ]),
    );
    assert_eq!((e.kind, e.timeout_ms), (Kind::Error, None));

    let call = ok(
        Method::ShowNotification,
        obj(vec![
            (
                "text",
                obj(vec![
                    ("header", s("Outgoing call")),
                    ("text", s("Dialing the number +19872345678")),
                ]),
            ),
            ("type", s("call")),
        ]),
    );
    assert_eq!(
        (call.kind, call.header.text().as_str()),
        (Kind::Call, "Outgoing call")
    );
    let error = ok(
        Method::ShowNotification,
        obj(vec![
            (
                "text",
                obj(vec![
                    ("header", s("Error")),
                    ("text", s("Error working with the widget")),
                ]),
            ),
            ("type", s("error")),
        ]),
    );
    assert_eq!(error.kind, Kind::Error);
}

#[test]
fn reference_add_error_and_add_call() {
    let e = ok(
        Method::AddError,
        obj(vec![
            ("header", s("Error")),
            ("text", s("Failed to set the task! Contact not found!")),
            ("date", n(19_534_085_310.0)),
            ("link", s("/contacts/list/?term=4951234567")),
        ]),
    );
    assert!(e.method.is_stored());
    assert_eq!(
        e.target(),
        Some(Link::Internal("/contacts/list/?term=4951234567".into()))
    );

    let c = ok(
        Method::AddCall,
        obj(vec![
            ("text", s("Call from +1 (415) 523-7743")),
            ("date", n(19_534_084_500.0)),
            ("from", s("Jeremy Watts")),
            ("to", s("Jason Nash")),
            (
                "element",
                obj(vec![("id", n(18_221_265.0)), ("type", s("contact"))]),
            ),
            ("duration", n(250.0)),
            ("link", s("https://example.com/dialog.mp3")),
        ]),
    );
    let call = c.call.as_ref().unwrap();
    assert_eq!(call.from.as_deref(), Some("Jeremy Watts"));
    assert_eq!(call.to.as_deref(), Some("Jason Nash"));
    let entity = call.entity.as_ref().unwrap();
    assert_eq!(
        (entity.kind, entity.id, entity.display_name()),
        (EntityKind::Contact, 18_221_265, "#18221265".into())
    );
    assert_eq!(call.duration_secs, Some(250));
    assert_eq!(
        call.recording,
        Some(Link::External("https://example.com/dialog.mp3".into()))
    );
    assert_eq!(
        c.target(),
        Some(Link::Internal("/contacts/detail/18221265".into())),
        "no click_link: the entity page"
    );
    assert_eq!(
        c.link, None,
        "a call's link is its recording, not a click target"
    );
}

#[test]
fn field_notes_shapes() {
    // add_error and add_call need only text; an empty header is fine where a header is required.
    ok(Method::AddError, obj(vec![("text", s("x"))]));
    ok(Method::AddCall, obj(vec![("text", s("x"))]));
    ok(
        Method::ShowMessage,
        obj(vec![("header", s("")), ("text", s("x"))]),
    );
    // Numbers are text too.
    assert_eq!(
        ok(Method::AddError, obj(vec![("text", n(42.0))]))
            .text
            .text(),
        "42"
    );
    // click_link wins over the entity page; header and element.name are shown.
    let c = ok(
        Method::AddCall,
        obj(vec![
            ("header", s("Sales line")),
            ("text", s("Maria")),
            (
                "element",
                obj(vec![
                    ("id", s("5123")),
                    ("type", s("lead")),
                    ("name", s("Maria Lopez")),
                ]),
            ),
            ("click_link", s("/leads/detail/7310")),
        ]),
    );
    assert_eq!(c.header.text(), "Sales line");
    assert_eq!(
        c.call
            .as_ref()
            .unwrap()
            .entity
            .as_ref()
            .unwrap()
            .display_name(),
        "Maria Lopez"
    );
    assert_eq!(
        c.target(),
        Some(Link::Internal("/leads/detail/7310".into()))
    );
    // timeout and type: 'success'.
    let m = ok(
        Method::ShowMessage,
        obj(vec![
            ("header", s("h")),
            ("text", s("t")),
            ("timeout", n(3000.0)),
            ("type", s("success")),
        ]),
    );
    assert_eq!((m.timeout_ms, m.kind), (Some(3000), Kind::Success));
    // A Date object and an ISO string.
    assert_eq!(
        ok(
            Method::AddError,
            obj(vec![
                ("text", s("t")),
                ("date", JsInput::Date(1_534_084_500_000.0))
            ])
        )
        .date_ms,
        1_534_084_500_000.0
    );
    assert_eq!(
        ok(
            Method::AddError,
            obj(vec![("text", s("t")), ("date", s("2018-08-12T14:35:00Z"))])
        )
        .date_ms,
        1_534_084_500_000.0
    );
    // Seconds as the vendor's SDK builds them.
    assert_eq!(
        ok(
            Method::AddError,
            obj(vec![("text", s("t")), ("date", n(1_714_566_795.0))])
        )
        .date_ms,
        1_714_566_795_000.0
    );
}

#[test]
fn markup_is_sanitized_at_parse_time() {
    let m = ok(
        Method::ShowMessage,
        obj(vec![
            ("header", s("<b class=\"x\">Bold</b>")),
            (
                "text",
                s("<p>Hi <img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a></p>"),
            ),
        ]),
    );
    assert_eq!(m.header.text(), "Bold");
    assert_eq!(m.text.text(), "Hi x");
    assert_eq!(
        m.header.source(),
        "<b class=\"x\">Bold</b>",
        "the source is kept for the callback"
    );
}

#[test]
fn unsafe_urls_are_left_out_with_an_error_and_the_notification_still_shows() {
    let parsed = parse(
        Method::AddError,
        &obj(vec![
            ("text", s("t")),
            ("link", s(" JaVaScRiPt:alert(1)")),
            ("icon", s("data:image/svg+xml,<svg onload=alert(1)>")),
        ]),
        NOW,
    )
    .unwrap();
    let messages: Vec<_> = parsed
        .notices
        .iter()
        .map(|n| (n.level, n.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (Level::Error, "AMOCRM.notifications.add_error: \"link\" uses the \"javascript:\" scheme; only http(s) URLs and paths on this site are allowed; it was left out"),
            (Level::Error, "AMOCRM.notifications.add_error: \"icon\" uses the \"data:\" scheme; only http(s) URLs and paths on this site are allowed; it was left out"),
        ]
    );
    let n = parsed.into_notification(NotificationId::new("x"));
    assert_eq!((n.link, n.icon), (None, None));
}

#[test]
fn invalid_calls_name_the_method_the_field_and_the_problem() {
    use Method::*;
    let cases: Vec<(Method, JsInput, &str)> = vec![
        (
            AddError,
            obj(vec![("text", JsInput::Null)]),
            "AMOCRM.notifications.add_error: \"text\" is required",
        ),
        (
            AddError,
            obj(vec![("text", JsInput::Array)]),
            "AMOCRM.notifications.add_error: \"text\" must be a string or a number, got an array",
        ),
        (
            AddError,
            obj(vec![("text", n(f64::NAN))]),
            "AMOCRM.notifications.add_error: \"text\" must be a string or a finite number, got NaN",
        ),
        (
            AddError,
            JsInput::Null,
            "AMOCRM.notifications.add_error: expects an object of parameters, got null",
        ),
        (
            AddError,
            s("   "),
            "AMOCRM.notifications.add_error: expects an object of parameters, got a string",
        ),
        (
            ShowMessage,
            obj(vec![("header", s(" ")), ("text", s(""))]),
            "AMOCRM.notifications.show_message: \"text\" must not be empty",
        ),
        (
            ShowNotification,
            obj(vec![(
                "text",
                obj(vec![("header", s("")), ("text", s(""))]),
            )]),
            "AMOCRM.notifications.show_notification: \"text.text\" must not be empty",
        ),
        (
            AddError,
            JsInput::Undefined,
            "AMOCRM.notifications.add_error: expects an object of parameters, got undefined",
        ),
        (
            AddError,
            JsInput::Function,
            "AMOCRM.notifications.add_error: expects an object of parameters, got a function",
        ),
        (
            AddError,
            obj(vec![("text", JsInput::Unreadable("boom".into()))]),
            "AMOCRM.notifications.add_error: \"text\" could not be read: boom",
        ),
    ];
    for (method, params, expected) in cases {
        assert_eq!(err(method, params), expected);
    }
}

#[test]
fn an_entity_that_cannot_be_linked_to_is_left_out_with_a_warning() {
    let call = |element: JsInput| {
        parse(
            Method::AddCall,
            &obj(vec![("text", s("x")), ("element", element)]),
            NOW,
        )
        .unwrap()
    };
    let cases: Vec<(JsInput, &str)> = vec![
        (
            obj(vec![("id", n(-5.0)), ("type", s("contact"))]),
            "\"element.id\" must be a positive integer, got -5",
        ),
        (
            obj(vec![("id", n(0.0)), ("type", s("contact"))]),
            "\"element.id\" must be a positive integer, got 0",
        ),
        (
            obj(vec![("id", n(1.5)), ("type", s("contact"))]),
            "\"element.id\" must be a positive integer, got 1.5",
        ),
        (
            obj(vec![("id", s("abc")), ("type", s("contact"))]),
            "\"element.id\" must be a positive integer, got \"abc\"",
        ),
        (
            obj(vec![("id", n(1.0)), ("type", s("deal"))]),
            "\"element.type\" must be \"contact\", \"lead\" or \"company\", got \"deal\"",
        ),
        (obj(vec![("type", s("lead"))]), "\"element.id\" is missing"),
        (s("contact 7"), "\"element\" must be an object"),
    ];
    for (element, expected) in cases {
        let parsed = call(element);
        let notification = parsed.clone().into_notification(NotificationId::new("x"));
        assert_eq!(notification.call.unwrap().entity, None);
        assert_eq!(parsed.notices.len(), 1);
        let message = &parsed.notices[0].message;
        assert!(
            message.starts_with(&format!("AMOCRM.notifications.add_call: {expected}")),
            "{message}"
        );
        assert!(
            message.ends_with("; the call shows without the entity link"),
            "{message}"
        );
    }
    // Types are read case-insensitively.
    let parsed = call(obj(vec![("id", n(7.0)), ("type", s("Contact"))]));
    assert!(parsed.notices.is_empty());
    let entity = parsed
        .into_notification(NotificationId::new("x"))
        .call
        .unwrap()
        .entity
        .unwrap();
    assert_eq!((entity.kind, entity.id), (EntityKind::Contact, 7));
}

#[test]
fn errors_carry_method_and_field() {
    let e: ApiError = parse(
        Method::ShowNotification,
        &obj(vec![
            ("text", obj(vec![("header", s(""))])),
            ("type", s("call")),
        ]),
        NOW,
    )
    .unwrap_err();
    assert_eq!(
        (e.method, e.field.as_deref()),
        (Method::ShowNotification, Some("text.text"))
    );
}

#[test]
fn odd_but_harmless_values_are_replaced_with_a_warning() {
    let parsed = parse(
        Method::AddCall,
        &obj(vec![
            ("text", s("t")),
            ("date", s("abc")),
            ("duration", n(-3.0)),
            ("timeout", s("soon")),
        ]),
        NOW,
    )
    .unwrap();
    assert_eq!(parsed.notices.len(), 3);
    assert!(parsed.notices.iter().all(|n| n.level == Level::Warn));
    let n = parsed.into_notification(NotificationId::new("x"));
    assert_eq!(n.date_ms, NOW);
    assert_eq!(n.call.unwrap().duration_secs, None);
    assert_eq!(n.timeout_ms, None, "calls stay until dismissed");
}

#[test]
fn control_characters_are_dropped_and_other_text_is_kept_as_given() {
    let n = ok(
        Method::AddError,
        obj(vec![
            ("header", s("A\u{0}B\u{7}C\u{1b}[31m\u{7f}\u{85}D")),
            ("text", s("line one\nline\ttwo\r\n😀 שלום e\u{301}")),
        ]),
    );
    assert_eq!(n.header.source(), "ABC[31mD");
    assert_eq!(
        n.text.source(),
        "line one\nline\ttwo\r\n😀 שלום e\u{301}",
        "tabs, line breaks, emoji, right-to-left text and combining marks stay"
    );
    assert_eq!(
        err(Method::AddError, obj(vec![("text", s("\u{0}\u{1}\u{2}"))])),
        "AMOCRM.notifications.add_error: \"text\" must not be empty",
        "text that is only control characters is empty"
    );
    let long = "x".repeat(1 << 20);
    let n = ok(Method::AddError, obj(vec![("text", s(&long))]));
    assert_eq!(n.text.source().len(), 1 << 20, "a 1 MB text is kept whole");
}

#[test]
fn shapes_real_widgets_send_are_shown_with_one_warning_each() {
    use Method::*;
    // (method, params, header shown, text shown, the fields warned about)
    let t = |header: &str, text: &str| obj(vec![("header", s(header)), ("text", s(text))]);
    let cases: Vec<(Method, JsInput, &str, &str, Vec<&str>)> = vec![
        (
            ShowMessage,
            obj(vec![("text", s("Saved"))]),
            "",
            "Saved",
            vec!["\"header\" is missing"],
        ),
        (
            ShowMessageError,
            obj(vec![("text", s("Failed"))]),
            "",
            "Failed",
            vec!["\"header\" is missing"],
        ),
        (
            ShowNotification,
            obj(vec![
                ("header", s("Sync")),
                ("text", s("Done")),
                ("date", n(1_534_084_500.0)),
            ]),
            "Sync",
            "Done",
            vec!["\"text\" should be an object", "\"type\" is missing"],
        ),
        (
            AddCall,
            obj(vec![("text", t("Incoming", "From Ivan"))]),
            "Incoming",
            "From Ivan",
            vec!["\"text\" is an object"],
        ),
        (
            ShowMessage,
            obj(vec![("text", t("Heads up", "Body"))]),
            "Heads up",
            "Body",
            vec!["\"text\" is an object"],
        ),
        (
            ShowMessage,
            s("Saved"),
            "",
            "Saved",
            vec![
                "expects an object of parameters, got a string",
                "\"header\" is missing",
            ],
        ),
        (
            AddError,
            t("Only a header", ""),
            "Only a header",
            "",
            vec!["\"text\" must not be empty; the header shows alone"],
        ),
        (
            ShowMessageError,
            obj(vec![
                ("header", s("Hidden")),
                ("text", s("Body")),
                ("without_header", JsInput::Bool(true)),
            ]),
            "",
            "Body",
            vec![],
        ),
        (
            ShowMessage,
            obj(vec![
                ("header", s("h")),
                ("text", s("t")),
                ("button_text", s("Open")),
            ]),
            "h",
            "t",
            vec!["\"button_text\" has no \"link\" to follow"],
        ),
    ];
    for (method, params, header, text, warned) in cases {
        let parsed =
            parse(method, &params, NOW).unwrap_or_else(|e| panic!("{method:?} {params:?}: {e}"));
        let messages: Vec<String> = parsed.notices.iter().map(|n| n.message.clone()).collect();
        let notification = parsed.into_notification(NotificationId::new("x"));
        assert_eq!(notification.header.text(), header, "{params:?}");
        assert_eq!(notification.text.text(), text, "{params:?}");
        assert_eq!(messages.len(), warned.len(), "{params:?}: {messages:?}");
        for (message, expected) in messages.iter().zip(&warned) {
            assert!(
                message.starts_with(&format!("AMOCRM.notifications.{}: ", method.name())),
                "{message}"
            );
            assert!(
                message.contains(expected),
                "{message} should say {expected}"
            );
        }
    }
    // button_text with a link: the pop-up gets the button.
    let with_link = ok(
        ShowMessage,
        obj(vec![
            ("header", s("h")),
            ("text", s("t")),
            ("link", s("/leads/detail/9")),
            ("button_text", s("Open the lead")),
        ]),
    );
    assert_eq!(with_link.button.as_deref(), Some("Open the lead"));
    let coded = ok(
        AddError,
        obj(vec![("text", s("t")), ("widget_code", s("acme_telephony"))]),
    );
    assert_eq!(coded.widget_code.as_deref(), Some("acme_telephony"));
}
