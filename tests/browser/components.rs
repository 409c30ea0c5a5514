//! The components: pop-ups (roles, close, Escape, limit, repeats, timers), the call card, markup,
//! and the center (counter, panel, read state).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::*;

fn popups() -> Vec<web_sys::Element> {
    query_all("#amocrm-notify-popups [data-id]")
}

#[wasm_bindgen_test]
async fn the_popup_region_exists_and_live_regions_do_not_nest() {
    let app = mount().await;
    let region = query("#amocrm-notify-popups").expect("the region");
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Notifications")
    );
    assert!(region.get_attribute("role").is_none() && region.get_attribute("aria-live").is_none());
    js(
        r#"AMOCRM.notifications.show_message({ header: "h", text: "info" }); AMOCRM.notifications.add_call({ text: "call" })"#,
    );
    flush().await;
    for popup in popups() {
        let nested = popup
            .query_selector("[role=status], [role=alert], [aria-live]")
            .unwrap();
        assert!(nested.is_none(), "a live region inside a pop-up");
    }
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn close_button_and_escape_dismiss() {
    let app = mount().await;
    for i in 0..3 {
        js(&format!(
            r#"AMOCRM.notifications.show_message_error({{ header: "E", text: "error {i}" }})"#
        ));
    }
    flush().await;
    assert_eq!(popups().len(), 3);
    click("#amocrm-notify-popups [data-id] .an-popup__close");
    flush().await;
    assert_eq!(popup_texts(), ["error 1", "error 2"]);
    js("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))");
    flush().await;
    assert_eq!(popup_texts(), ["error 1"], "Escape closes the newest");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn five_visible_the_rest_wait_with_a_hint() {
    let app = mount().await;
    for i in 0..8 {
        js(&format!(
            r#"AMOCRM.notifications.add_error({{ text: "error {i}" }})"#
        ));
    }
    flush().await;
    assert_eq!(popups().len(), 5);
    assert_eq!(text(".an-popups__more"), "+3 more");
    click("#amocrm-notify-popups [data-id] .an-popup__close");
    flush().await;
    assert_eq!(popups().len(), 5);
    assert_eq!(text(".an-popups__more"), "+2 more");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn repeats_collapse_with_a_count() {
    let app = mount().await;
    for _ in 0..50 {
        js(
            r#"AMOCRM.notifications.show_message_error({ header: "Lost", text: "Connection to the server is lost" })"#,
        );
    }
    flush().await;
    assert_eq!(popups().len(), 1);
    assert_eq!(text(".an-popup__count"), "×50");
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn information_times_out_errors_stay_and_hover_pauses() {
    let app = mount().await;
    js(r#"AMOCRM.notifications.show_message({ header: "h", text: "quick", timeout: 150 })"#);
    js(r#"AMOCRM.notifications.show_message_error({ header: "h", text: "stays" })"#);
    flush().await;
    assert_eq!(popups().len(), 2);
    wait_until("the information pop-up times out", || popups().len() == 1).await;
    assert_eq!(
        text("#amocrm-notify-popups [data-id] .an-popup__text"),
        "stays"
    );

    // Hovered past its timeout, it stays while its twin, shown with it, goes; released, it goes
    // (after at least a second).
    let id =
        js(r#"AMOCRM.notifications.show_message({ header: "h", text: "held", timeout: 200 })"#)
            .as_string()
            .unwrap();
    let twin =
        js(r#"AMOCRM.notifications.show_message({ header: "h", text: "twin", timeout: 200 })"#)
            .as_string()
            .unwrap();
    flush().await;
    let held = query(&format!("[data-id='{id}']")).unwrap();
    held.dispatch_event(&web_sys::MouseEvent::new("mouseenter").unwrap())
        .unwrap();
    let hovered_at = js_sys::Date::now();
    wait_until("the twin times out", || {
        query(&format!("[data-id='{twin}']")).is_none()
    })
    .await;
    assert!(
        query(&format!("[data-id='{id}']")).is_some(),
        "paused while hovered"
    );
    held.dispatch_event(&web_sys::MouseEvent::new("mouseleave").unwrap())
        .unwrap();
    wait_until("the released pop-up times out", || {
        query(&format!("[data-id='{id}']")).is_none()
    })
    .await;
    assert!(js_sys::Date::now() - hovered_at >= 1_000.0);

    // While the tab is hidden the countdown holds too.
    let id =
        js(r#"AMOCRM.notifications.show_message({ header: "h", text: "unseen", timeout: 200 })"#)
            .as_string()
            .unwrap();
    flush().await;
    js("Object.defineProperty(document, 'hidden', { configurable: true, get: () => true }); document.dispatchEvent(new Event('visibilitychange'))");
    // The marker: a timer set now, after the pop-up's own 200 ms countdown started (on mount,
    // which flush() ran), and due later. Timers fire in the order they fall due, so when this one
    // fires, the pop-up's would have, had the hidden tab not held it.
    gloo_timers::future::TimeoutFuture::new(250).await;
    flush().await;
    assert!(
        query(&format!("[data-id='{id}']")).is_some(),
        "paused while the tab is hidden"
    );
    js("delete document.hidden; document.dispatchEvent(new Event('visibilitychange'))");
    wait_until("the pop-up times out once the tab is visible", || {
        query(&format!("[data-id='{id}']")).is_none()
    })
    .await;
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn call_card_shows_the_call_and_loads_nothing_until_played() {
    let app = mount().await;
    js(
        r#"AMOCRM.notifications.add_call({ text: "Call from +1 (415) 523-7743", from: "Jeremy Watts", to: "Jason Nash", element: { id: 18221265, type: "contact" }, duration: 250, link: "https://example.com/dialog.mp3" })"#,
    );
    flush().await;
    let card = popups().pop().unwrap();
    let content = card.text_content().unwrap();
    for expected in [
        "Incoming call",
        "Call from +1 (415) 523-7743",
        "Jeremy Watts",
        "Jason Nash",
        "Contact#18221265",
        "4:10",
        "Play recording",
    ] {
        assert!(content.contains(expected), "{expected:?} in {content:?}");
    }
    assert_eq!(card.get_attribute("role").as_deref(), Some("alert"));
    let entity = card.query_selector("dd a").unwrap().unwrap();
    assert_eq!(
        entity.get_attribute("href").as_deref(),
        Some("/contacts/detail/18221265")
    );
    assert!(
        card.query_selector("audio").unwrap().is_none(),
        "no audio element before play"
    );
    card.query_selector("button:not(.an-popup__close)")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    flush().await;
    let audio = card
        .query_selector("audio")
        .unwrap()
        .expect("the player appears on play");
    assert_eq!(
        audio.get_attribute("src").as_deref(),
        Some("https://example.com/dialog.mp3")
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn markup_renders_as_formatting_and_nothing_runs() {
    let app = mount().await;
    js("window.__pwned = 0");
    js(r#"AMOCRM.notifications.show_message({
        header: '<b class="title" onclick="__pwned++">Deal</b><script>__pwned++</script>',
        text: '<p>Open <a href="/leads/detail/1" onmouseover="__pwned++">the lead</a><img src=x onerror="__pwned++"><a href="javascript:__pwned++">bad</a></p><style>*{display:none}</style>' })"#);
    flush().await;
    let popup = popups().pop().unwrap();
    let html = popup
        .query_selector(".an-popup__body")
        .unwrap()
        .unwrap()
        .inner_html();
    for forbidden in [
        "<script",
        "<img",
        "<style",
        "onclick",
        "onerror",
        "onmouseover",
        "javascript:",
        "class=\"title\"",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert!(
        popup
            .query_selector(".an-popup__header b")
            .unwrap()
            .is_some(),
        "<b> renders"
    );
    assert!(
        popup
            .query_selector(".an-popup__text p a[href='/leads/detail/1']")
            .unwrap()
            .is_some(),
        "a safe link renders"
    );
    assert_eq!(
        popup
            .query_selector(".an-popup__text")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Open the leadbad"
    );
    // Handlers would run on the events they name: hover over everything rendered. And the marker
    // for what comes late, the error of an image that cannot load: an image of our own, made now,
    // failing the same way. Once its error has come, one the payload's <img> would have raised
    // has come too.
    js("document.querySelectorAll('#amocrm-notify-popups *').forEach((el) => el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })))");
    let marker: js_sys::Promise = js(r#"new Promise((resolve) => { const img = new Image(); img.onerror = img.onload = resolve; img.src = "x"; })"#).unchecked_into();
    wasm_bindgen_futures::JsFuture::from(marker).await.unwrap();
    assert_eq!(js("window.__pwned"), 0);
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn bell_counts_unread_and_the_center_lists_entries() {
    let app = mount().await;
    let bell = || query(".an-bell").unwrap();
    assert_eq!(
        bell().get_attribute("aria-label").as_deref(),
        Some("Notifications")
    );
    assert!(query(".an-bell__badge").is_none());
    let first = js(r#"AMOCRM.notifications.add_error({ header: "First", text: "one" })"#)
        .as_string()
        .unwrap();
    js(r#"AMOCRM.notifications.show_message({ header: "Not stored", text: "interface only" })"#);
    js(r#"AMOCRM.notifications.add_call({ text: "two" })"#);
    flush().await;
    assert_eq!(
        bell().get_attribute("aria-label").as_deref(),
        Some("Notifications, 2 unread")
    );
    assert_eq!(text(".an-bell__badge"), "2");

    click(".an-bell");
    flush().await;
    assert_eq!(
        bell().get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let items = query_all(".notification__item");
    let texts: Vec<_> = items
        .iter()
        .map(|i| {
            i.query_selector(".an-entry__text")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(texts, ["two", "one"], "newest first; show_* is not stored");
    assert_eq!(
        items[1].get_attribute("data-id").as_deref(),
        Some(first.as_str())
    );
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("an-notification-panel"),
        "focus moves into the panel"
    );

    click(&format!(".notification__item[data-id='{first}'] a"));
    flush().await;
    assert_eq!(
        query(&format!(".notification__item[data-id='{first}']"))
            .unwrap()
            .get_attribute("data-read")
            .as_deref(),
        Some("true")
    );
    assert_eq!(text(".an-bell__badge"), "1");

    click(".an-panel__action");
    flush().await;
    assert!(query(".an-bell__badge").is_none());
    assert_eq!(
        bell().get_attribute("aria-label").as_deref(),
        Some("Notifications")
    );
    assert!(query_all(".notification__item")
        .iter()
        .all(|i| i.get_attribute("data-read").as_deref() == Some("true")));

    // Escape in the panel closes it and gives focus back to the bell.
    query("#an-notification-panel")
        .unwrap()
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
                let init = web_sys::KeyboardEventInit::new();
                init.set_key("Escape");
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    flush().await;
    assert!(query("#an-notification-panel").is_none());
    assert_eq!(
        document()
            .active_element()
            .map(|e| e.class_name())
            .as_deref(),
        Some("an-bell")
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn the_counter_caps_at_99_plus() {
    let app = mount().await;
    js(r#"for (let i = 0; i < 120; i++) AMOCRM.notifications.add_error({ text: "e" + i })"#);
    flush().await;
    assert_eq!(text(".an-bell__badge"), "99+");
    assert_eq!(
        query(".an-bell")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Notifications, 120 unread")
    );
    app.unmount().await;
}
