//! The center's list: entries grouped under their day, windowed so that only the rows in view (and
//! a few either side) are in the DOM, whatever the history's length.
//!
//! Every row has a fixed height, so the [`Layout`] (center_layout.rs) maps a scroll position to rows
//! with one binary search. Keyboard focus is a roving tabindex over the entries: the arrows, Page Up/Down, Home and
//! End move it, scrolling the list so the focused entry is always rendered.

use std::rc::Rc;

use stylist::{css, yew::use_style, StyleSource};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::center_entry::CenterEntry;
use super::center_layout::{Layout, Row, DAY_HEIGHT, ENTRY_HEIGHT};
use crate::hooks::use_lang;
use crate::notification::{time, NotificationId};
use crate::store::Entry;

/// Rows rendered beyond each edge of the view.
const OVERSCAN: u32 = 2 * ENTRY_HEIGHT;
/// The view's height before it has been measured.
const DEFAULT_VIEWPORT: u32 = 560;

/// A list of entries, compared by identity: a new list is made whenever the store or the filter
/// changes, and comparing 100,000 entries to find that out would cost more than the render.
#[derive(Clone, Debug)]
pub struct Entries(pub Rc<Vec<Entry>>);

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Entries {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        &self.0
    }
}

#[derive(Properties, PartialEq)]
pub struct CenterListProps {
    /// What the filter shows, newest first.
    pub entries: Entries,
    pub now: f64,
    pub label: AttrValue,
    /// An entry to scroll to and focus (once, when it changes).
    #[prop_or_default]
    pub reveal: Option<NotificationId>,
    pub onopen: Callback<(NotificationId, bool)>,
    pub ontoggle: Callback<(NotificationId, bool)>,
    pub onremove: Callback<NotificationId>,
    /// An entry to read in full.
    pub onexpand: Callback<NotificationId>,
}

#[component]
pub fn CenterList(props: &CenterListProps) -> Html {
    let list_ref = use_node_ref();
    // (scroll top, view height): set only when the rendered range would change.
    let view = use_state_eq(|| (0u32, DEFAULT_VIEWPORT));
    let active = use_state_eq(|| 0usize);
    // Focus follows `active` after the render that puts its row in the DOM, when asked to.
    let focus_pending = use_mut_ref(|| false);

    let today = time::local_day(props.now, time::local_offset(props.now));
    let lang = use_lang();
    let layout = use_memo(
        (props.entries.clone(), today, lang),
        |(entries, _, lang)| {
            let now = crate::browser::now_ms();
            Layout::new(entries, now, time::local_offset(now), *lang)
        },
    );
    let count = props.entries.len();
    let active_index = (*active).min(count.saturating_sub(1));

    let measure = {
        let (list_ref, view) = (list_ref.clone(), view.clone());
        move || {
            if let Some(list) = list_ref.cast::<web_sys::Element>() {
                let top = list.scroll_top().max(0) as u32;
                let height = (list.client_height().max(0) as u32).max(ENTRY_HEIGHT);
                // Only a move of a quarter row or more can change what is rendered.
                let (old_top, old_height) = *view;
                if old_top.abs_diff(top) >= ENTRY_HEIGHT / 4 || old_height != height {
                    view.set((top, height));
                }
            }
        }
    };
    {
        let measure = measure.clone();
        use_effect_with((), move |_| measure());
    }
    {
        let (list_ref, focus_pending) = (list_ref.clone(), focus_pending.clone());
        use_effect(move || {
            if std::mem::take(&mut *focus_pending.borrow_mut()) {
                let selector = format!("[data-index=\"{active_index}\"] .an-entry");
                let target = list_ref
                    .cast::<web_sys::Element>()
                    .and_then(|list| list.query_selector(&selector).ok().flatten())
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(target) = target {
                    let _ = target.focus();
                }
            }
        });
    }

    let rerender = use_force_update();
    {
        let (entries, layout, list_ref, active, focus_pending) = (
            props.entries.clone(),
            Rc::clone(&layout),
            list_ref.clone(),
            active.clone(),
            focus_pending.clone(),
        );
        use_effect_with(props.reveal.clone(), move |reveal| {
            let index = reveal
                .as_ref()
                .and_then(|id| entries.iter().position(|e| e.id() == id));
            if let Some(index) = index {
                if let Some(list) = list_ref.cast::<web_sys::Element>() {
                    list.set_scroll_top(layout.entry_top(index).saturating_sub(DAY_HEIGHT) as i32);
                }
                *focus_pending.borrow_mut() = true;
                active.set(index);
                // Focus follows in the next render, even when `active` was this entry already.
                rerender.force_update();
            }
        });
    }

    let onscroll = {
        let measure = measure.clone();
        Callback::from(move |_: Event| measure())
    };
    let onkeydown = {
        let (layout, list_ref, active, focus_pending) = (
            Rc::clone(&layout),
            list_ref.clone(),
            active.clone(),
            focus_pending.clone(),
        );
        let view_height = view.1;
        Callback::from(move |event: KeyboardEvent| {
            if count == 0 {
                return;
            }
            let page = (view_height / ENTRY_HEIGHT).max(1) as usize;
            // From the entry with focus (a click may have put it on another than the active one;
            // a click does not re-render the list, so nothing moves under the pointer).
            let from = row_of(&event).unwrap_or(active_index).min(count - 1);
            let Some(next) = key_target(&event.key(), from, count, page) else {
                return;
            };
            event.prevent_default();
            // Bring the entry into view; the scroll handler then renders its row.
            if let Some(list) = list_ref.cast::<web_sys::Element>() {
                scroll_into_view(&list, &layout, next);
            }
            *focus_pending.borrow_mut() = true;
            active.set(next);
        })
    };
    let style = use_style(style());

    let (top, height) = *view;
    let range = layout.rows_between(top.saturating_sub(OVERSCAN), top + height + OVERSCAN);
    let active_row = (count > 0).then(|| layout.entry_row(active_index));
    let (rendered, owns) = window(&layout, range, active_row);
    let rows = rendered.into_iter().map(|(key, row)| {
        let top = layout.top(row);
        match &layout.rows()[row] {
            Row::Day(label) => html! {
                <li {key} id={format!("an-day-{row}")} class="an-list__row an-day"
                    style={format!("top:{top}px;height:{DAY_HEIGHT}px")}>
                    <span role="heading" aria-level="3">{ label.to_string() }</span>
                </li>
            },
            Row::Entry(index) => {
                let entry = &props.entries[*index];
                html! {
                    <CenterEntry {key} notification={Rc::clone(&entry.notification)}
                                 read={entry.read} delivery={entry.delivery} now={props.now}
                                 sent={Rc::<[_]>::from(entry.sent.as_slice())}
                                 index={*index} size={count} top={top} active={*index == active_index}
                                 onopen={props.onopen.clone()} ontoggle={props.ontoggle.clone()}
                                 onremove={props.onremove.clone()} onexpand={props.onexpand.clone()} />
                }
            }
        }
    });

    html! {
        <div ref={list_ref} class={classes!("an-list", style)} {onscroll} {onkeydown}>
            <ul class="an-list__space" aria-label={props.label.clone()} aria-owns={owns}
                style={format!("height:{}px", layout.height())}>
                { for rows }
            </ul>
        </div>
    }
}

/// The rows to render: those in `range`, and the active entry's row, each with its key; and the
/// list's `aria-owns`, naming them in the list's order.
///
/// The active entry stays rendered, under its own key, even when scrolled away: focus is never
/// lost, and the keyboard's entry is never re-made.
/// The other rows are keyed by their place in the window, not by entry: after a scroll the same
/// elements are patched with the rows now in view rather than removed and made anew (a jump
/// through a long list would otherwise rebuild every row, every frame). The active row comes
/// first in the document and stays there: moving a focused element in the DOM would blur it.
/// (Every row carries `aria-posinset`, so its place in the list does not depend on that order.)
/// Assistive technology reads them in the list's order all the same: `aria-owns` on the list
/// names the rows in that order (a day heading before its first entry).
fn window(
    layout: &Layout,
    range: std::ops::Range<usize>,
    active_row: Option<usize>,
) -> (Vec<(String, usize)>, String) {
    let rendered: Vec<(String, usize)> = active_row
        .map(|row| ("active".to_owned(), row))
        .into_iter()
        .chain(
            range
                .filter(|&row| Some(row) != active_row)
                .enumerate()
                .map(|(slot, row)| (format!("slot-{slot}"), row)),
        )
        .collect();
    let mut rows: Vec<usize> = rendered.iter().map(|&(_, row)| row).collect();
    rows.sort_unstable();
    let owns = rows
        .iter()
        .map(|&row| match &layout.rows()[row] {
            Row::Day(_) => format!("an-day-{row}"),
            Row::Entry(index) => format!("an-row-{index}"),
        })
        .collect::<Vec<_>>()
        .join(" ");
    (rendered, owns)
}

/// The index of the entry whose row `event` happened in.
fn row_of(event: &KeyboardEvent) -> Option<usize> {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-index]").ok().flatten())
        .and_then(|row| row.get_attribute("data-index"))
        .and_then(|i| i.parse::<usize>().ok())
}

/// Where a key moves the keyboard's entry from `from` among `count` (a page: `page` entries);
/// `None` for other keys.
fn key_target(key: &str, from: usize, count: usize, page: usize) -> Option<usize> {
    Some(match key {
        "ArrowDown" => (from + 1).min(count - 1),
        "ArrowUp" => from.saturating_sub(1),
        "PageDown" => (from + page).min(count - 1),
        "PageUp" => from.saturating_sub(page),
        "Home" => 0,
        "End" => count - 1,
        _ => return None,
    })
}

/// Scrolls `list` the least that shows the entry `index` whole, with its day's heading when it
/// is the first of its day.
fn scroll_into_view(list: &web_sys::Element, layout: &Layout, index: usize) {
    let top = layout.entry_top(index);
    let scroll = list.scroll_top().max(0) as u32;
    let height = list.client_height().max(0) as u32;
    let wanted_top = top.saturating_sub(DAY_HEIGHT);
    if wanted_top < scroll {
        list.set_scroll_top(wanted_top as i32);
    } else if top + ENTRY_HEIGHT > scroll + height {
        list.set_scroll_top((top + ENTRY_HEIGHT).saturating_sub(height) as i32);
    }
}

/// The center's windowed list: rows placed absolutely in a space as tall as the whole list. Scoped
/// by stylist to the component's root, which keeps its `an-list` class for hosts' style sheets and
/// the tests.
fn style() -> StyleSource {
    css!(
        r#"
        position: relative; padding: 0 6px; overflow-y: auto;
        overscroll-behavior: contain; flex: 1 1 auto; min-height: 0;
        .an-list__space { position: relative; list-style: none; margin: 0; padding: 0; }
        .an-list__row { position: absolute; left: 0; right: 0; }
        .an-day {
            display: flex; align-items: flex-end; padding: 0 10px 6px; margin: 0;
            font-size: 12px; font-weight: 650; letter-spacing: .02em; text-transform: uppercase;
            color: var(--an-text-muted);
        }
        "#
    )
}
