//! Hostile input through the real shim, as any script on the page could send it. Each case checks
//! what the call returns, exactly what reaches the console, and that a rejected call leaves the
//! pop-ups and the center as they were.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::*;

/// A call that is valid for each method, as JSON, and the fields it cannot do without.
/// Each method with a payload whose only content is its text, and the fields that hold it: a
/// broken value there leaves nothing to show, so the call is refused.
const METHODS: [(&str, &str, &[&str]); 5] = [
    ("show_message", r#"{"text":"T"}"#, &["text"]),
    ("show_message_error", r#"{"text":"T"}"#, &["text"]),
    (
        "show_notification",
        r#"{"text":{"text":"T"},"type":"error"}"#,
        &["text", "text.text"],
    ),
    ("add_error", r#"{"text":"T"}"#, &["text"]),
    ("add_call", r#"{"text":"T"}"#, &["text"]),
];

/// What a user can see of the notifications: the pop-ups on screen and the bell's count.
fn snapshot() -> (Vec<String>, Option<String>) {
    let popups = query_all("#amocrm-notify-popups [data-id]")
        .iter()
        .filter_map(|e| e.get_attribute("data-id"))
        .collect();
    let bell = query(".an-bell").and_then(|b| b.get_attribute("aria-label"));
    (popups, bell)
}

/// Calls `method` with `params` (a JS expression) after setting or deleting one field of it.
fn call_with_field(method: &str, base: &str, path: &str, value: Option<&str>) -> JsValue {
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (format!("p.{parent}"), last),
        None => ("p".to_owned(), path),
    };
    let change = match value {
        None => format!("delete {parent}[\"{last}\"];"),
        Some(value) => format!("{parent}[\"{last}\"] = {value};"),
    };
    js(&format!(
        "(() => {{ const p = {base}; {change} return AMOCRM.notifications.{method}(p); }})()"
    ))
}

#[wasm_bindgen_test]
async fn arguments_that_are_not_an_object_are_rejected_by_every_method() {
    let app = mount().await;
    js(r#"AMOCRM.notifications.add_error({ text: "already here" })"#);
    flush().await;
    let before = snapshot();
    let arguments = [
        ("", "undefined"),
        ("null", "null"),
        ("'   '", "a string"), // a string with text is shown as the text
        ("42", "a number"),
        ("[1, 2]", "an array"),
        ("() => 1", "a function"),
        ("Symbol('s')", "a symbol"),
        ("10n", "a bigint"),
        ("true", "a boolean"),
    ];
    for (method, _, _) in METHODS {
        for (argument, described) in arguments {
            watch_console();
            let call = format!("AMOCRM.notifications.{method}({argument})");
            assert_eq!(js(&call), false, "{call}");
            flush().await;
            assert_eq!(
                console(),
                [format!(
                    "error: AMOCRM.notifications.{method}: expects an object of parameters, got {described}"
                )],
                "{call}"
            );
        }
    }
    assert_eq!(snapshot(), before, "nothing changed");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn each_required_field_missing_or_of_the_wrong_type_is_named() {
    let app = mount().await;
    js(r#"AMOCRM.notifications.add_error({ text: "already here" })"#);
    flush().await;
    let before = snapshot();
    for (method, base, required) in METHODS {
        for &field in required {
            for value in [
                None,
                Some("undefined"),
                Some("null"),
                Some("{}"),
                Some("[]"),
                Some("() => 1"),
            ] {
                watch_console();
                let result = call_with_field(method, base, field, value);
                let case = format!("{method} with {field} = {value:?}");
                assert_eq!(result, false, "{case} is rejected");
                flush().await;
                let lines = console();
                assert_eq!(lines.len(), 1, "{case}: {lines:?}");
                let prefix = format!("error: AMOCRM.notifications.{method}: \"{field}");
                assert!(lines[0].starts_with(&prefix), "{case}: {}", lines[0]);
                if matches!(value, None | Some("undefined") | Some("null")) {
                    assert!(lines[0].contains("is required"), "{case}: {}", lines[0]);
                }
            }
        }
    }
    assert_eq!(snapshot(), before, "nothing changed");
    // A number where text is expected is what JavaScript would print: it is shown.
    watch_console();
    let id = call_with_field("add_error", r#"{"text":"T"}"#, "text", Some("42"));
    assert!(id.as_string().is_some());
    flush().await;
    assert_eq!(popup_texts().last().map(String::as_str), Some("42"));
    assert_eq!(console(), Vec::<String>::new());
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn huge_and_unusual_text_is_shown_safely() {
    let app = mount().await;
    watch_console();
    // 1 MB of text: accepted; the pop-up shows a few lines, the center entry keeps all of it.
    js("window.__big = 'word '.repeat(200 * 1024) + 'end'");
    let id = js("AMOCRM.notifications.add_error({ header: 'Big', text: window.__big })")
        .as_string()
        .expect("1 MB of text is accepted");
    flush().await;
    let popup = popup_by_id(&id).unwrap();
    let text = popup.query_selector(".an-popup__text").unwrap().unwrap();
    assert!(
        text.client_height() < 120,
        "the pop-up clamps the text to a few lines, not {} px",
        text.client_height()
    );
    assert_eq!(
        text.text_content().unwrap().len(),
        js("window.__big.length").as_f64().unwrap() as usize
    );
    click(".an-bell");
    flush().await;
    let entry = query(&format!(
        "#an-notification-panel [data-id='{id}'] .an-entry__text"
    ))
    .unwrap();
    assert_eq!(
        entry.text_content().unwrap().len(),
        js("window.__big.length").as_f64().unwrap() as usize,
        "the center entry holds the whole text"
    );
    click(".an-bell");
    flush().await;

    // A 10,000-character header stays on one line inside the pop-up.
    let id =
        js("AMOCRM.notifications.show_message({ header: 'H'.repeat(10000), text: 'long header' })")
            .as_string()
            .unwrap();
    flush().await;
    let popup = popup_by_id(&id).unwrap();
    let header = popup.query_selector(".an-popup__header").unwrap().unwrap();
    assert!(
        header.client_height() < 30,
        "one line, not {}",
        header.client_height()
    );
    let right = js(&format!(
        "document.querySelector(\"#amocrm-notify-popups [data-id='{id}']\").getBoundingClientRect().right <= innerWidth"
    ));
    assert_eq!(right, true, "the pop-up stays inside the window");

    // Emoji, right-to-left text and combining marks are kept; NUL and control characters are not.
    let id = js(r#"AMOCRM.notifications.show_message({ header: "Mixed", text: "😀👩‍👩‍👧 שלום مرحبا e\u0301 A\u0000B\u0007C\u001b[0m\u007f" })"#)
        .as_string()
        .unwrap();
    flush().await;
    let popup = popup_by_id(&id).unwrap();
    let text = popup.query_selector(".an-popup__text").unwrap().unwrap();
    assert_eq!(
        text.text_content().unwrap(),
        "😀👩‍👩‍👧 שלום مرحبا e\u{301} ABC[0m"
    );
    assert_eq!(
        text.get_attribute("dir").as_deref(),
        Some("auto"),
        "its own direction"
    );
    assert_eq!(console(), Vec::<String>::new(), "none of this is an error");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn odd_dates_durations_and_elements() {
    let app = mount().await;
    // Dates that are not a time are replaced by now, with one warning naming the field.
    for date in [
        "NaN",
        "Infinity",
        "-1",
        "1e20",
        "'abc'",
        "{}",
        "[]",
        "new Date('x')",
    ] {
        watch_console();
        let call = format!(
            "AMOCRM.notifications.add_error({{ text: 'date ' + String({date}), date: {date} }})"
        );
        let id = js(&call)
            .as_string()
            .unwrap_or_else(|| panic!("{call} is accepted"));
        flush().await;
        let lines = console();
        assert_eq!(lines.len(), 1, "{call}: {lines:?}");
        assert!(
            lines[0].starts_with("warn: AMOCRM.notifications.add_error: \"date\""),
            "{}",
            lines[0]
        );
        let time = query(&format!("#amocrm-notify-popups [data-id='{id}'] time"));
        if let Some(time) = time {
            let iso = time.get_attribute("datetime").unwrap();
            assert!(iso.starts_with("20"), "{call} shows a real time, not {iso}");
        }
        close_all_popups();
        flush().await;
    }
    // 0 is a timestamp (1970), not an error.
    watch_console();
    assert!(js("AMOCRM.notifications.add_error({ text: 'epoch', date: 0 })").is_string());
    // A duration that cannot be one is left out with a warning.
    for duration in ["-5", "NaN", "1e12", "'long'"] {
        watch_console();
        let call =
            format!("AMOCRM.notifications.add_call({{ text: 'call', duration: {duration} }})");
        assert!(js(&call).is_string(), "{call} is accepted");
        let lines = console();
        assert_eq!(lines.len(), 1, "{call}: {lines:?}");
        assert!(
            lines[0].starts_with("warn: AMOCRM.notifications.add_call: \"duration\""),
            "{}",
            lines[0]
        );
    }
    // An entity that cannot be linked to is left out with a warning: the call still shows.
    for (element, field) in [
        ("{ id: -1, type: 'contact' }", "element.id"),
        ("{ id: 0, type: 'contact' }", "element.id"),
        ("{ id: 1.5, type: 'contact' }", "element.id"),
        ("{ id: 'abc', type: 'contact' }", "element.id"),
        ("{ id: 7, type: 'spaceship' }", "element.type"),
        ("{ id: 7 }", "element.type"),
        ("'contact 7'", "element"),
    ] {
        watch_console();
        let call = format!("AMOCRM.notifications.add_call({{ text: 'call', element: {element} }})");
        assert!(js(&call).is_string(), "{call} is accepted");
        let lines = console();
        assert_eq!(lines.len(), 1, "{call}: {lines:?}");
        let prefix = format!("warn: AMOCRM.notifications.add_call: \"{field}\"");
        assert!(lines[0].starts_with(&prefix), "{call}: {}", lines[0]);
    }
    flush().await;
    let before = snapshot();
    watch_console();
    // An unknown type still has something to show: information, with a warning.
    let call = "AMOCRM.notifications.show_notification({ text: { header: 'h', text: 't' }, type: 'spam' })";
    assert!(js(call).is_string());
    assert_eq!(
        console(),
        [
            r#"warn: AMOCRM.notifications.show_notification: "type" must be "call" or "error", got "spam"; shown as information"#
        ]
    );
    flush().await;
    assert_ne!(snapshot(), before, "it shows");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn dangerous_urls_are_left_out_and_other_sites_open_apart() {
    let app = mount().await;
    let dangerous = [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\\tscript:alert(1)",
        "java\\nscript:alert(1)",
        "\\u0001javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "blob:http://x/y",
        "file:///etc/passwd",
    ];
    for url in dangerous {
        for method in ["add_error", "add_call"] {
            watch_console();
            let url_field = if method == "add_call" {
                "click_link"
            } else {
                "link"
            };
            let call = format!(
                "AMOCRM.notifications.{method}({{ text: 'bad url', {url_field}: \"{url}\", icon: \"{url}\" }})"
            );
            let id = js(&call)
                .as_string()
                .unwrap_or_else(|| panic!("{call} still shows"));
            flush().await;
            let popup = popup_by_id(&id).unwrap();
            assert!(
                popup.query_selector("a[href]").unwrap().is_none(),
                "{call}: no link"
            );
            assert!(
                popup.query_selector("img").unwrap().is_none(),
                "{call}: no image"
            );
            let lines = console();
            assert_eq!(lines.len(), 2, "{call}: {lines:?}");
            assert!(lines[0].starts_with(&format!("error: AMOCRM.notifications.{method}: \"")));
            close_all_popups();
            flush().await;
        }
    }
    // In markup, an unsafe href leaves a plain span.
    let id = js(r#"AMOCRM.notifications.show_message({ header: "h", text: '<a href="&#106;avascript:alert(1)">x</a> <a href=" javascript:alert(2)">y</a>' })"#)
        .as_string()
        .unwrap();
    flush().await;
    let popup = popup_by_id(&id).unwrap();
    assert!(popup.query_selector(".an-popup__text a").unwrap().is_none());

    // A protocol-relative URL is another site: allowed, and opened in a new tab without access
    // to this page.
    js("window.__opened = []; window.__realOpen = window.open; window.open = (...a) => { window.__opened.push(a); return null; }");
    let id =
        js(r#"AMOCRM.notifications.add_error({ text: "elsewhere", link: "//example.com/x" })"#)
            .as_string()
            .unwrap();
    flush().await;
    let header = query(&format!(
        "#amocrm-notify-popups [data-id='{id}'] a.an-popup__header"
    ))
    .unwrap();
    assert_eq!(
        header.get_attribute("href").as_deref(),
        Some("//example.com/x")
    );
    let location = js("location.href");
    click(&format!("#amocrm-notify-popups [data-id='{id}']"));
    flush().await;
    let opened = js("JSON.stringify(window.__opened)").as_string().unwrap();
    js("window.open = window.__realOpen");
    assert_eq!(
        opened,
        r#"[["//example.com/x","_blank","noopener,noreferrer"]]"#
    );
    assert_eq!(js("location.href"), location, "this page stays");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn callbacks_that_misbehave() {
    let app = mount().await;
    for (callbacks, warning) in [
        (
            "'done'",
            "the second argument must be an object { done, fail, always }; it was ignored",
        ),
        (
            "42",
            "the second argument must be an object { done, fail, always }; it was ignored",
        ),
        (
            "{ done: 'yes' }",
            "callback \"done\" is not a function; it was ignored",
        ),
        (
            "{ fail: {} }",
            "callback \"fail\" is not a function; it was ignored",
        ),
    ] {
        watch_console();
        let call = format!("AMOCRM.notifications.add_error({{ text: 'cb' }}, {callbacks})");
        assert!(js(&call).is_string(), "{call} is still made");
        assert_eq!(
            console(),
            [format!("warn: AMOCRM.notifications.add_error: {warning}")]
        );
    }
    // A callback that closes its own pop-up: the pop-up goes, the entry stays.
    watch_console();
    let id = js(r#"AMOCRM.notifications.add_error({ text: "closes itself" }, {
        done: (n) => document.querySelector(`#amocrm-notify-popups [data-id="${n.id}"] .an-popup__close`).click() })"#)
        .as_string()
        .unwrap();
    flush().await;
    flush().await;
    assert!(popup_by_id(&id).is_none(), "closed from inside");
    click(".an-bell");
    flush().await;
    assert!(
        query(&format!("#an-notification-panel [data-id='{id}']")).is_some(),
        "still in the center"
    );
    click(".an-bell");
    // fail and always that call the API again, and throw.
    js("window.__again = []");
    assert_eq!(
        js(r#"AMOCRM.notifications.add_error({}, {
            fail: () => { window.__again.push(AMOCRM.notifications.add_error({ text: "from fail" })); throw new Error("x"); },
            always: () => { window.__again.push(AMOCRM.notifications.add_error(null)); } })"#),
        false
    );
    flush().await;
    flush().await;
    let again = js("window.__again.map(String).join(',')")
        .as_string()
        .unwrap();
    let (first, second) = again.split_once(',').unwrap();
    assert!(first.contains('-'), "the call from fail got an id: {again}");
    assert_eq!(second, "false");
    assert!(popup_texts().iter().any(|t| t == "from fail"));
    let lines = console();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("error: AMOCRM.notifications.add_error: \"text\" is required"));
    assert!(lines[1].starts_with("error: AMOCRM.notifications: the \"fail\" callback threw"));
    assert!(lines[2].starts_with("error: AMOCRM.notifications.add_error: expects an object"));
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn objects_that_fight_back() {
    let app = mount().await;
    let cases: [(&str, Option<&str>); 8] = [
        // An own "__proto__" key (as JSON.parse makes) is not the text, and pollutes nothing.
        (
            r#"AMOCRM.notifications.add_error(JSON.parse('{"__proto__": {"text": "polluted"}}'))"#,
            Some(r#"error: AMOCRM.notifications.add_error: "text" is required"#),
        ),
        (
            r#"AMOCRM.notifications.add_error(JSON.parse('{"text": "ok", "__proto__": {"header": "polluted"}, "constructor": {"prototype": {"polluted": 1}}}'))"#,
            None,
        ),
        (
            r#"AMOCRM.notifications.add_error(Object.assign(Object.create(null), { text: "no prototype" }))"#,
            None,
        ),
        (
            r#"AMOCRM.notifications.add_error(Object.create({ text: "inherited" }))"#,
            Some(r#"error: AMOCRM.notifications.add_error: "text" is required"#),
        ),
        (
            r#"AMOCRM.notifications.add_error({ text: "ok", get icon() { throw new Error("icon getter") } })"#,
            Some(
                r#"error: AMOCRM.notifications.add_error: "icon" could not be read: icon getter; it was left out"#,
            ),
        ),
        (
            r#"AMOCRM.notifications.add_error(new Proxy({ text: "ok" }, { ownKeys() { throw new Error("keys") }, getOwnPropertyDescriptor() { throw new Error("descriptor") } }))"#,
            Some(r#"error: AMOCRM.notifications.add_error: "text" could not be read: descriptor"#),
        ),
        // A getter that answers differently each time is read once.
        (
            r#"(() => { let n = 0; return AMOCRM.notifications.add_error({ get text() { n += 1; return n === 1 ? "first read" : ""; } }); })()"#,
            None,
        ),
        (
            r#"AMOCRM.notifications.add_call({ text: "ok", element: new Proxy({}, { get() { throw new Error("element trap") } }) })"#,
            Some(
                r#"error: AMOCRM.notifications.add_call: "element.id" could not be read: element trap"#,
            ),
        ),
    ];
    for (call, error) in cases {
        watch_console();
        let result = js(call);
        flush().await;
        let lines = console();
        match error {
            Some(error) if error.contains("it was left out") => {
                assert!(result.is_string(), "{call} is made without the field");
                assert_eq!(lines, [error], "{call}");
            }
            Some(error) => {
                assert_eq!(result, false, "{call}");
                assert_eq!(lines, [error], "{call}");
            }
            None => {
                assert!(result.is_string(), "{call} is accepted");
                assert_eq!(lines, Vec::<String>::new(), "{call}");
            }
        }
    }
    assert!(popup_texts().iter().any(|t| t == "first read"));
    assert_eq!(
        js("({}).polluted === undefined && ({}).header === undefined && ({}).text === undefined"),
        true
    );
    app.unmount().await;
}
