//! The developer inspector: every API call with its payload, the id or the validation error it
//! returned and the callbacks made, newest first, each copyable as JSON, from the store's log.
//! Shown when the page asks for it (see [`crate::api::inspector::requested`]); otherwise it
//! renders nothing.
//!
//! It keeps to the bottom-left corner: open, at most 440 px wide and 45% of the screen each way;
//! collapsed, a small tab ("API inspector · 3 calls"). Collapsing and opening work by keyboard, and
//! the choice is remembered in this browser; on a small screen it starts collapsed.

use stylist::{css, yew::use_style, StyleSource};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{InspectorWord::*, Language, Words};
use crate::json;
use crate::store::calls::{LoggedCall, Outcome};
use crate::store::{use_notifications, use_notifications_dispatch, Action, CallAction};

#[component]
pub fn Inspector() -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let lang = crate::hooks::use_lang();
    let open = use_state(|| match crate::browser::stored(OPEN_KEY).as_deref() {
        Some("open") => true,
        Some("collapsed") => false,
        // Unchosen: open where there is room for it beside the page.
        _ => {
            crate::browser::viewport_width() >= 700.0 && crate::browser::viewport_height() >= 500.0
        }
    });
    let copied = use_state(|| None::<u64>);
    let style = use_style(style());
    // The page keeps room below its content for the inspector, which sits over its bottom-left
    // corner: scrolled to the end, nothing is left under it.
    let root_ref = use_node_ref();
    {
        let root_ref = root_ref.clone();
        use_effect(move || {
            let height = root_ref
                .cast::<web_sys::HtmlElement>()
                .map(|root| root.offset_height() + 24);
            reserve_room(height);
            || reserve_room(None)
        });
    }
    let log = &store.model().calls;
    if !log.on {
        return Html::default();
    }
    let calls = if *open {
        log.newest_first()
    } else {
        Vec::new()
    };
    let count = log.len();
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            crate::browser::store(OPEN_KEY, if *open { "collapsed" } else { "open" });
            open.set(!*open);
        })
    };
    let onclear =
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Calls(CallAction::Clear)));
    let oncopyall = {
        let (copied, all) = (copied.clone(), store.clone());
        Callback::from(move |_: MouseEvent| {
            crate::browser::copy_text(&json::to_pretty(&all.model().calls.newest_first()));
            copied.set(Some(0));
        })
    };
    let rows = calls.into_iter().map(|call| {
        let oncopy = {
            // Written out when clicked, not on every render of the list.
            let (copied, record) = (copied.clone(), call.clone());
            Callback::from(move |_: MouseEvent| {
                crate::browser::copy_text(&json::to_pretty(&record));
                copied.set(Some(record.seq));
            })
        };
        row(lang, &call, *copied == Some(call.seq), oncopy)
    });
    if !*open {
        return html! {
            <aside ref={root_ref} class={classes!("an-inspector", style)} aria-label={lang.inspector(Title)} data-collapsed="true">
                <button type="button" class="ai-tab" aria-expanded="false" onclick={ontoggle}
                        title={lang.inspector(Show)}>
                    { lang.inspector(Title) }<small>{ lang.calls(count) }</small>
                </button>
            </aside>
        };
    }
    html! {
        <aside ref={root_ref} class={classes!("an-inspector", style)} aria-label={lang.inspector(Title)}>
            <div class="ai-head">
                <h2 class="ai-title">{ lang.inspector(Title) }<small>{ lang.calls(count) }</small></h2>
                <button type="button" class="ai-btn" onclick={oncopyall}>
                    { lang.inspector(if *copied == Some(0) { Copied } else { CopyAll }) }
                </button>
                <button type="button" class="ai-btn" onclick={onclear}>{ lang.inspector(Clear) }</button>
                <button type="button" class="ai-btn ai-collapse" aria-expanded="true" onclick={ontoggle}
                        aria-label={lang.inspector(Collapse)} title={lang.inspector(CollapseShort)}>
                    { crate::components::icons::chevron_down(14) }
                </button>
            </div>
            if count == 0 {
                <p class="ai-empty">{ lang.inspector(Empty) }</p>
            } else {
                <ol>{ for rows }</ol>
            }
        </aside>
    }
}

/// The localStorage key of the inspector's state: "open" or "collapsed".
const OPEN_KEY: &str = "amocrm-notify:inspector-view";

fn row(lang: Language, call: &LoggedCall, copied: bool, oncopy: Callback<MouseEvent>) -> Html {
    let (result, class, error) = match &call.outcome {
        Outcome::Id(id) => (id.clone(), "ai-result ai-result--id", None),
        Outcome::Error(message) => (
            "false".to_owned(),
            "ai-result ai-result--error",
            Some(message.clone()),
        ),
    };
    let callbacks = if call.callbacks.is_empty() {
        lang.inspector(NoCallbacks).to_owned()
    } else {
        call.callbacks.join(" → ")
    };
    let payload = json::to_pretty(&call.payload);
    html! {
        <li data-seq={call.seq.to_string()} data-method={call.method.name()}>
            <div class="ai-call">
                <span class="ai-method">{ call.method.name() }</span>
                <span class="ai-time">{ clock(call.at) }</span>
                <span class="ai-answer">
                    <span class={class} data-result="">{ result }</span>
                    <button type="button" class="ai-btn" onclick={oncopy}>{ lang.inspector(if copied { Copied } else { CopyOne }) }</button>
                </span>
            </div>
            if let Some(error) = error { <p class="ai-error">{ error }</p> }
            { for call.warnings.iter().map(|w| html! { <p class="ai-warning">{ w.clone() }</p> }) }
            // Scrollable: reachable by keyboard, and named for what it holds.
            <pre tabindex="0" aria-label={format!("{} {}", call.method.name(), lang.inspector(Payload))}>{ payload }</pre>
            <p class="ai-callbacks">{ format!("{}: {callbacks}", lang.inspector(Callbacks)) }</p>
        </li>
    }
}

/// Asks the page for `height` px of room below its content (or none), for the inspector over its
/// corner: `--an-inspector-room` on the root element, which the demo shell's content adds to its
/// padding, and a host's page may use too.
fn reserve_room(height: Option<i32>) {
    if let Some(root) = gloo_utils::document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let style = root.style();
        let _ = match height {
            Some(h) => style.set_property("--an-inspector-room", &format!("{h}px")),
            None => style.remove_property("--an-inspector-room").map(drop),
        };
    }
}

/// "14:03:07.412", local time.
fn clock(at: f64) -> String {
    let local = at - crate::browser::utc_offset_min(at) * 60_000.0;
    let ms = local.rem_euclid(86_400_000.0) as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The API inspector: the calls widgets made, with their results and callbacks. Scoped by stylist
/// to the component's root, which keeps its `an-inspector` class for hosts' style sheets and the
/// tests.
fn style() -> StyleSource {
    css!(
        r#"
        position: fixed; left: 12px; bottom: 12px; z-index: calc(var(--an-z) - 1);
        width: min(440px, max(45vw, 280px), calc(100vw - 24px)); max-height: min(45vh, 560px);
        display: flex; flex-direction: column; overflow: hidden;
        background: var(--an-surface); color: var(--an-text); border: 1px solid var(--an-border);
        border-radius: var(--an-radius); box-shadow: var(--an-shadow);
        font: 13px/1.4 var(--an-font);
        .ai-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px 10px; border-bottom: 1px solid var(--an-border); }
        .ai-title { flex: 1 1 150px; margin: 0; font: 650 14px var(--an-font); padding: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .ai-title small, .ai-tab small { color: var(--an-text-muted); font-weight: 500; margin-left: 6px; }
        &[data-collapsed] { width: auto; border-radius: 999px; }
        .ai-tab {
            border: 0; background: none; color: inherit; font: 650 13px var(--an-font); cursor: pointer;
            padding: 6px 14px; white-space: nowrap;
        }
        .ai-tab:focus-visible, .ai-btn:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 1px; }
        .ai-collapse { display: grid; place-items: center; padding: 3px 5px; }
        .ai-btn {
            border: 1px solid var(--an-border); background: var(--an-surface-muted); color: var(--an-text);
            border-radius: 7px; padding: 3px 8px; font: 600 12px var(--an-font); cursor: pointer;
        }
        .ai-btn:hover { background: var(--an-surface-hover); }
        ol { list-style: none; margin: 0; padding: 0; overflow-y: auto; }
        li { padding: 8px 10px; border-bottom: 1px solid var(--an-border); }
        /* Each piece keeps to one line; when the row is too narrow for all, the result and its
           button move down together, to the right, rather than break ("mxcv8v6vn6ft-" / "12",
           "Copy" / "JSON"). */
        .ai-call { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; }
        .ai-call > * { white-space: nowrap; }
        .ai-answer { margin-left: auto; display: flex; align-items: center; gap: 8px; }
        .ai-method { font: 600 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
        .ai-time { color: var(--an-text-muted); font-size: 11px; }
        .ai-result { font: 600 11px ui-monospace, monospace; padding: 1px 6px; border-radius: 6px; }
        .ai-result--id { color: var(--an-success-text); background: color-mix(in srgb, var(--an-success) 12%, transparent); }
        .ai-result--error { color: var(--an-error-text); background: color-mix(in srgb, var(--an-error) 12%, transparent); }
        .ai-error { margin: 4px 0 0; color: var(--an-error-text); overflow-wrap: anywhere; }
        .ai-warning { margin: 4px 0 0; color: var(--an-warning-text, var(--an-text)); overflow-wrap: anywhere; }
        .ai-warning::before { content: "⚠ "; }
        pre:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 1px; }
        pre {
            margin: 4px 0 0; padding: 6px 8px; max-height: 140px; overflow: auto; border-radius: 6px;
            background: var(--an-surface-muted); font: 11.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace;
            white-space: pre-wrap; overflow-wrap: anywhere;
        }
        .ai-callbacks { margin: 4px 0 0; color: var(--an-text-muted); font-size: 12px; }
        .ai-empty { padding: 16px 10px; color: var(--an-text-muted); margin: 0; }
        "#
    )
}
