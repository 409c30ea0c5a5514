//! The JS API as widgets call it: every method with the reference's example, the validation
//! failures, the callbacks, and calls made before the app started.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::*;

const SHOW_MESSAGE: &str = r#"AMOCRM.notifications.show_message({ header: "Warning", text: "Connection established", date: +19534084500, icon: "https://www.example.com/images/telephone.png" })"#;
const SHOW_MESSAGE_ERROR: &str = r#"AMOCRM.notifications.show_message_error({ header: "Warning", text: "Connection to the server is lost" })"#;
const SHOW_CALL: &str = r#"AMOCRM.notifications.show_notification({ text: { header: "Outgoing call", text: "Dialing the number +19872345678" }, type: "call" })"#;
const SHOW_ERROR: &str = r#"AMOCRM.notifications.show_notification({ text: { header: "Error", text: "Error working with the widget" }, type: "error" })"#;
const ADD_ERROR: &str = r#"AMOCRM.notifications.add_error({ header: "Error", text: "Failed to set the task! Contact not found!", date: +19534085310, link: "/contacts/list/?term=4951234567" })"#;
const ADD_CALL: &str = r#"AMOCRM.notifications.add_call({ text: "Call from +1 (415) 523-7743", date: +19534084500, from: "Jeremy Watts", to: "Jason Nash", element: { id: 18221265, type: "contact" }, duration: 250, link: 'https://example.com/dialog.mp3' })"#;

#[wasm_bindgen_test]
async fn every_reference_example_returns_an_id_and_shows() {
    let app = mount().await;
    watch_console();
    let mut ids = Vec::new();
    for call in [
        SHOW_MESSAGE,
        SHOW_MESSAGE_ERROR,
        SHOW_CALL,
        SHOW_ERROR,
        ADD_ERROR,
        ADD_CALL,
    ] {
        let id = js(call)
            .as_string()
            .unwrap_or_else(|| panic!("no id from {call}"));
        ids.push(id);
    }
    flush().await;
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 6, "ids are distinct: {ids:?}");
    assert_eq!(
        popup_texts(),
        [
            "Connection to the server is lost",
            "Dialing the number +19872345678",
            "Error working with the widget",
            "Failed to set the task! Contact not found!",
            "Call from +1 (415) 523-7743"
        ]
    );
    let roles: Vec<_> = query_all("#amocrm-notify-popups [data-id]")
        .iter()
        .map(|e| e.get_attribute("role").unwrap())
        .collect();
    assert_eq!(roles, ["alert", "alert", "alert", "alert", "alert"]);
    assert_eq!(
        text(".an-popups__more"),
        "+1 more",
        "the newest five show; the first, oldest, waits behind them"
    );
    // The two far-future dates of the reference each warn once; nothing else is logged.
    assert_eq!(
        console(),
        [
            "warn: AMOCRM.notifications.show_message: \"date\" is more than a year ahead (year 2589); the current time is shown instead",
            "warn: AMOCRM.notifications.add_error: \"date\" is more than a year ahead (year 2589); the current time is shown instead",
            "warn: AMOCRM.notifications.add_call: \"date\" is more than a year ahead (year 2589); the current time is shown instead",
        ]
    );
    // Only add_error and add_call reached the center.
    assert_eq!(
        query(".an-bell")
            .unwrap()
            .get_attribute("aria-label")
            .unwrap(),
        "Notifications, 2 unread"
    );
    // Closing one lets the call in.
    click("#amocrm-notify-popups [data-id] .an-popup__close");
    flush().await;
    assert_eq!(
        popup_texts().last().map(String::as_str),
        Some("Call from +1 (415) 523-7743")
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn app_is_the_same_object_as_amocrm() {
    let app = mount().await;
    assert_eq!(
        js("window.APP.notifications === window.AMOCRM.notifications"),
        true
    );
    let id = js(r#"APP.notifications.add_call({ text: "Call via APP" })"#)
        .as_string()
        .unwrap();
    flush().await;
    let item = popup_by_id(&id).expect("the APP call shows");
    assert!(item.text_content().unwrap().contains("Call via APP"));
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn invalid_calls_return_false_log_once_and_change_nothing() {
    let app = mount().await;
    js(ADD_ERROR);
    flush().await;
    let before_popups = query_all("#amocrm-notify-popups [data-id]").len();
    let before_label = query(".an-bell").unwrap().get_attribute("aria-label");
    let cases = [
        (
            r#"AMOCRM.notifications.add_error({ text: "  " })"#,
            r#"AMOCRM.notifications.add_error: "text" must not be empty"#,
        ),
        (
            r#"AMOCRM.notifications.show_message({ header: " ", text: "" })"#,
            r#"AMOCRM.notifications.show_message: "text" must not be empty"#,
        ),
        (
            r#"AMOCRM.notifications.show_notification({ text: { header: "", text: [] }, type: "call" })"#,
            r#"AMOCRM.notifications.show_notification: "text.text" must be a string or a number, got an array"#,
        ),
        (
            r#"AMOCRM.notifications.add_error()"#,
            r#"AMOCRM.notifications.add_error: expects an object of parameters, got undefined"#,
        ),
        (
            r#"AMOCRM.notifications.add_call(null)"#,
            r#"AMOCRM.notifications.add_call: expects an object of parameters, got null"#,
        ),
        (
            r#"AMOCRM.notifications.add_error({ get text() { throw new Error("boom") } })"#,
            r#"AMOCRM.notifications.add_error: "text" could not be read: boom"#,
        ),
        (
            r#"AMOCRM.notifications.add_error(new Proxy({ text: "x" }, { get() { throw new Error("trap") } }))"#,
            r#"AMOCRM.notifications.add_error: "text" could not be read: trap"#,
        ),
        (
            r#"AMOCRM.notifications.add_error(new Proxy({ text: "x" }, { getPrototypeOf() { throw new Error("no prototype") } }))"#,
            r#"AMOCRM.notifications.add_error: expects an object of parameters, got a value that throws when read"#,
        ),
        (
            r#"(() => { const { proxy, revoke } = Proxy.revocable({ text: "x" }, {}); revoke(); return AMOCRM.notifications.add_error(proxy); })()"#,
            r#"AMOCRM.notifications.add_error: expects an object of parameters, got a value that throws when read"#,
        ),
        (
            r#"(() => { Object.prototype.text = "polluted"; try { return AMOCRM.notifications.add_error({}); } finally { delete Object.prototype.text; } })()"#,
            r#"AMOCRM.notifications.add_error: "text" is required"#,
        ),
    ];
    for (call, message) in cases {
        watch_console();
        assert_eq!(js(call), false, "{call} returns false");
        flush().await;
        assert_eq!(console(), [format!("error: {message}")], "{call}");
    }
    assert_eq!(
        query_all("#amocrm-notify-popups [data-id]").len(),
        before_popups,
        "no pop-up appeared"
    );
    assert_eq!(
        query(".an-bell").unwrap().get_attribute("aria-label"),
        before_label,
        "the center is unchanged"
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn callbacks_done_fail_always() {
    let app = mount().await;
    js("window.__calls = []");
    let id = js(r#"AMOCRM.notifications.add_error({ text: "Saved?" }, {
        done: (n) => __calls.push("done " + n.id + " " + n.method + " " + n.text),
        fail: () => __calls.push("fail"),
        always: () => __calls.push("always") })"#)
    .as_string()
    .unwrap();
    assert_eq!(
        js("__calls.length"),
        0,
        "callbacks run after the method returned"
    );
    flush().await;
    assert_eq!(
        js("__calls.join('|')"),
        format!("done {id} add_error Saved?|always").as_str()
    );

    js("window.__calls = []");
    watch_console();
    assert_eq!(
        js(r#"AMOCRM.notifications.add_error({}, {
        done: () => __calls.push("done"),
        fail: (e) => __calls.push("fail " + e.name + " " + e.field + " " + e.message),
        always: () => __calls.push("always") })"#),
        false
    );
    flush().await;
    assert_eq!(
        js("__calls.join('|')"),
        "fail NotificationError text AMOCRM.notifications.add_error: \"text\" is required|always"
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn throwing_and_reentrant_callbacks_break_nothing() {
    let app = mount().await;
    watch_console();
    js("window.__inner = null");
    js(
        r#"AMOCRM.notifications.show_message({ header: "Outer", text: "first" }, {
        done: () => { window.__inner = AMOCRM.notifications.show_message({ header: "Inner", text: "from a callback" }); throw new Error("widget bug"); },
        always: () => { throw "again"; } })"#,
    );
    flush().await;
    flush().await;
    assert!(
        js("window.__inner").as_string().is_some(),
        "the nested call returned an id"
    );
    assert_eq!(popup_texts(), ["first", "from a callback"]);
    let lines = console();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("error: AMOCRM.notifications: the \"done\" callback threw"));
    assert!(lines[1].starts_with("error: AMOCRM.notifications: the \"always\" callback threw"));
    // The API still works afterwards.
    assert!(
        js(r#"AMOCRM.notifications.add_error({ text: "still fine" })"#)
            .as_string()
            .is_some()
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn calls_before_start_up_are_replayed_in_order() {
    fresh_page_with_loader("");
    let early: Vec<String> = ["first", "second", "third"]
        .iter()
        .map(|text| {
            js(&format!(
                r#"AMOCRM.notifications.add_error({{ text: "{text}" }})"#
            ))
            .as_string()
            .unwrap()
        })
        .collect();
    js("window.__early = []");
    js(
        r#"APP.notifications.show_message({ header: "h", text: "fourth" }, { done: (n) => __early.push(n.id) })"#,
    );
    let app = mount().await;
    flush().await;
    assert_eq!(popup_texts(), ["first", "second", "third", "fourth"]);
    let shown: Vec<_> = query_all("#amocrm-notify-popups [data-id]")
        .iter()
        .take(3)
        .map(|e| e.get_attribute("data-id").unwrap())
        .collect();
    assert_eq!(shown, early, "replayed calls keep the ids they returned");
    assert_eq!(
        js("__early.length"),
        1,
        "callbacks of recorded calls run on replay"
    );
    // A function taken from the object before start-up keeps working.
    js("window.__saved = AMOCRM.notifications.add_error");
    assert!(js(r#"__saved({ text: "via saved reference" })"#)
        .as_string()
        .is_some());
    flush().await;
    assert_eq!(
        popup_texts().last().map(String::as_str),
        Some("via saved reference")
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn existing_globals_keep_their_members() {
    fresh_page_with_loader(
        "window.AMOCRM = { widgets: { list: [1] } }; window.APP = { constant: (k) => k };",
    );
    let app = mount().await;
    assert_eq!(js("typeof AMOCRM.widgets.list"), "object");
    assert_eq!(js("typeof APP.constant"), "function");
    assert_eq!(js("APP.notifications === AMOCRM.notifications"), true);
    assert!(js(r#"AMOCRM.notifications.add_error({ text: "x" })"#)
        .as_string()
        .is_some());
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn unsafe_urls_are_left_out_but_the_notification_shows() {
    let app = mount().await;
    watch_console();
    let id = js(r#"AMOCRM.notifications.add_error({ text: "bad link", link: "javascript:alert(1)", icon: "data:image/png;base64,AAAA" })"#)
        .as_string()
        .unwrap();
    flush().await;
    let popup = popup_by_id(&id).expect("it still shows");
    assert!(
        popup.query_selector("a[href]").unwrap().is_none(),
        "no link at all"
    );
    assert!(
        popup.query_selector("img").unwrap().is_none(),
        "no icon image"
    );
    let lines = console();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines
        .iter()
        .all(|l| l.starts_with("error: AMOCRM.notifications.add_error: ")));
    app.unmount().await;
}
