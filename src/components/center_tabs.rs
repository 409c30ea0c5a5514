//! The center's filter tabs (All, Unread, Errors, Calls) with their counts: one stop for Tab, and
//! the arrows (Home, End) move between them, as ARIA tabs do.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::notification_center::count_label;
use crate::hooks::use_lang;
use crate::i18n::{Label, Words};
use crate::store::Filter;

#[derive(Properties, PartialEq)]
pub struct CenterTabsProps {
    pub filter: Filter,
    /// The count of each filter, in [`Filter::ALL`]'s order.
    pub counts: [usize; 4],
    pub onselect: Callback<Filter>,
}

#[component]
pub fn CenterTabs(props: &CenterTabsProps) -> Html {
    let lang = use_lang();
    let tabs_ref = use_node_ref();
    let current = props.filter;
    let tabs = Filter::ALL.into_iter().zip(props.counts).map(|(f, count)| {
        let onclick = props.onselect.reform(move |_: MouseEvent| f);
        let selected = f == current;
        html! {
            <button type="button" role="tab" class="an-tab" aria-selected={selected.to_string()}
                    tabindex={if selected { "0" } else { "-1" }}
                    data-filter={f.label()} data-count={count.to_string()} title={format!("{} {count}", lang.filter(f))} {onclick}>
                { lang.filter(f) }<span class="an-tab__count">{ count_label(count) }</span>
            </button>
        }
    });
    let onkeydown = {
        let (onselect, tabs_ref) = (props.onselect.clone(), tabs_ref.clone());
        Callback::from(move |event: KeyboardEvent| {
            let at = Filter::ALL.iter().position(|&f| f == current).unwrap_or(0);
            let count = Filter::ALL.len();
            let next = match event.key().as_str() {
                "ArrowRight" => (at + 1) % count,
                "ArrowLeft" => (at + count - 1) % count,
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            event.prevent_default();
            onselect.emit(Filter::ALL[next]);
            // (Yew delegates events, so `current_target` is not the tab list.)
            let tab = tabs_ref
                .cast::<web_sys::Element>()
                .and_then(|list| list.children().item(next as u32))
                .and_then(|tab| tab.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(tab) = tab {
                let _ = tab.focus();
            }
        })
    };
    html! {
        <div ref={tabs_ref} class="an-tabs" role="tablist" aria-label={lang.label(Label::Show)} {onkeydown}>{ for tabs }</div>
    }
}
