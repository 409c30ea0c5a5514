//! The notification center's panel: filters, read and unread, removal, day headings, and the
//! windowed list under the keyboard.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::*;

/// The ids of the entries rendered, in list order (the focused entry comes first in the DOM).
fn ids_shown() -> Vec<String> {
    let mut items: Vec<(usize, String)> = query_all(".notification__item")
        .iter()
        .map(|i| {
            let index = i.get_attribute("data-index").unwrap().parse().unwrap();
            (index, i.get_attribute("data-id").unwrap())
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, id)| id).collect()
}

fn tab(label: &str) -> String {
    format!(".an-tab[data-filter='{label}']")
}

fn read_state(id: &str) -> Option<String> {
    query(&format!(".notification__item[data-id='{id}']"))?.get_attribute("data-read")
}

fn add(code: &str) -> String {
    js(code).as_string().unwrap()
}

#[wasm_bindgen_test]
async fn filters_read_unread_remove_and_clear_read() {
    let app = mount().await;
    let e1 = add(r#"AMOCRM.notifications.add_error({ header: "E1", text: "first error" })"#);
    let c1 = add(r#"AMOCRM.notifications.add_call({ text: "first call", from: "+7 1" })"#);
    let e2 = add(r#"AMOCRM.notifications.add_error({ header: "E2", text: "second error" })"#);
    let c2 = add(r#"AMOCRM.notifications.add_call({ text: "second call", from: "+7 2" })"#);
    close_all_popups();
    click(".an-bell");
    flush().await;
    let counts = || {
        query_all(".an-tab")
            .iter()
            .map(|t| t.text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(), ["All4", "Unread4", "Errors2", "Calls2"]);
    assert_eq!(
        ids_shown(),
        [c2.as_str(), e2.as_str(), c1.as_str(), e1.as_str()]
    );

    click(&tab("Calls"));
    flush().await;
    assert_eq!(ids_shown(), [c2.as_str(), c1.as_str()]);
    assert_eq!(
        query(&tab("Calls"))
            .unwrap()
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );

    // Read by hand, then unread again: the counts follow.
    let toggle = format!(".notification__item[data-id='{c1}'] .an-entry__toggle");
    click(&toggle);
    flush().await;
    assert_eq!(read_state(&c1).as_deref(), Some("true"));
    assert_eq!(text(".an-bell__badge"), "3");
    assert_eq!(
        query(&toggle)
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Mark as unread")
    );
    click(&toggle);
    flush().await;
    assert_eq!(read_state(&c1).as_deref(), Some("false"));
    assert_eq!(text(".an-bell__badge"), "4");

    // "Mark all as read" on Calls leaves the errors unread.
    click(".an-panel__action");
    flush().await;
    assert_eq!(counts(), ["All4", "Unread2", "Errors2", "Calls2"]);
    click(&tab("Unread"));
    flush().await;
    assert_eq!(ids_shown(), [e2.as_str(), e1.as_str()]);

    // Remove one error; "Clear read" on Errors removes nothing (none read), on Calls both.
    click(&format!(
        ".notification__item[data-id='{e1}'] .an-entry__remove"
    ));
    flush().await;
    assert_eq!(ids_shown(), [e2.as_str()]);
    assert_eq!(counts(), ["All3", "Unread1", "Errors1", "Calls2"]);
    click(&tab("Errors"));
    flush().await;
    let clear = || {
        query_all(".an-panel__action")
            .into_iter()
            .find(|b| b.text_content().unwrap() == "Clear read")
            .unwrap()
    };
    assert!(clear().has_attribute("disabled"), "no read error to clear");
    click(&tab("Calls"));
    flush().await;
    assert!(!clear().has_attribute("disabled"));
    clear().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    flush().await;
    assert_eq!(counts(), ["All1", "Unread1", "Errors1", "Calls0"]);
    assert_eq!(text(".an-panel__empty"), "No calls.");
    click(&tab("All"));
    flush().await;
    assert_eq!(ids_shown(), [e2.as_str()]);
    app.unmount().await;
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
async fn entries_are_grouped_under_their_day() {
    let app = mount().await;
    js(r#"
        const now = Date.now(), day = 86400000;
        AMOCRM.notifications.add_error({ text: "today", date: now });
        AMOCRM.notifications.add_error({ text: "yesterday", date: now - day });
        AMOCRM.notifications.add_error({ text: "older", date: Date.UTC(2024, 2, 5, 12) });
    "#);
    close_all_popups();
    click(".an-bell");
    flush().await;
    let mut rows = query_all(".an-list__space > li");
    // In list order: by position (the focused row comes first in the DOM).
    rows.sort_by(|a, b| {
        let top = |e: &web_sys::Element| e.dyn_ref::<web_sys::HtmlElement>().unwrap().offset_top();
        top(a).cmp(&top(b))
    });
    let rows: Vec<String> = rows
        .iter()
        .map(|row| {
            if row
                .get_attribute("class")
                .unwrap_or_default()
                .contains("an-day")
            {
                row.text_content().unwrap()
            } else {
                row.query_selector(".an-entry__text")
                    .unwrap()
                    .unwrap()
                    .text_content()
                    .unwrap()
            }
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Today",
            "today",
            "Yesterday",
            "yesterday",
            "5 Mar 2024",
            "older"
        ]
    );
    app.unmount().await;
}

#[wasm_bindgen_test]
async fn a_long_list_is_windowed_and_the_keyboard_reaches_every_entry() {
    let app = mount().await;
    let first = add(r#"
        let first;
        for (let i = 0; i < 3000; i++) {
            const id = AMOCRM.notifications.add_error({ text: "entry " + i });
            first ??= id;
        }
        first
    "#);
    close_all_popups();
    click(".an-bell");
    flush().await;
    let rendered = || query_all(".notification__item").len();
    assert!(rendered() <= 20, "{} rows rendered", rendered());
    let list = query(".an-list").unwrap();
    let space = query(".an-list__space").unwrap();
    assert!(
        space.client_height() > 3000 * 90,
        "the list is as tall as all its rows"
    );

    // Tab reaches the newest entry; End, the oldest, however far down it is.
    let newest = query(".notification__item .an-entry").unwrap();
    assert_eq!(newest.get_attribute("tabindex").as_deref(), Some("0"));
    newest
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    press(&newest, "End");
    wait_until("the oldest entry has focus", || {
        focused()
            .and_then(|f| f.closest(".notification__item").ok().flatten())
            .and_then(|li| li.get_attribute("data-id"))
            == Some(first.clone())
    })
    .await;
    assert!(list.scroll_top() > 3000 * 90 - 1000, "scrolled to the end");
    assert!(rendered() <= 20, "{} rows rendered at the end", rendered());
    assert_eq!(
        focused()
            .unwrap()
            .closest("li")
            .unwrap()
            .unwrap()
            .get_attribute("aria-posinset")
            .as_deref(),
        Some("3000")
    );

    // Up one, then a page up, then Home: each lands on the right entry.
    let position = || {
        focused()
            .and_then(|f| f.closest("li").ok().flatten())
            .and_then(|li| li.get_attribute("aria-posinset"))
            .and_then(|p| p.parse::<u32>().ok())
    };
    press(&focused().unwrap(), "ArrowUp");
    wait_until("entry 2999 has focus", || position() == Some(2999)).await;
    press(&focused().unwrap(), "PageUp");
    wait_until("a page up", || {
        position().is_some_and(|p| p < 2999 && p > 2990)
    })
    .await;
    press(&focused().unwrap(), "Home");
    wait_until("the newest entry has focus", || position() == Some(1)).await;
    assert!(list.scroll_top() < 40);
    // Only the focused entry is reached by Tab.
    let tabbable = query_all(".an-entry[tabindex='0']");
    assert_eq!(tabbable.len(), 1);
    app.unmount().await;
}
