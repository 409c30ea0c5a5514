//! The center's open panel: its head (the unread count, "Mark all as read", the settings), the
//! connection's banner, the filter tabs, the windowed list or an entry read in full, and its foot.
//! Mounted while the center is open: an entry read in full is forgotten when it closes.

use std::rc::Rc;

use yew::prelude::*;

use super::center_list::{CenterList, Entries};
use super::center_tabs::CenterTabs;
use super::entry_detail::EntryDetail;
use super::icons;
use super::notification_center::{count_label, SETTINGS_PATH};
use super::status_banner::{BannerPlace, StatusBanner};
use crate::hooks::use_lang;
use crate::i18n::{Label, Words};
use crate::navigate::follow_click;
use crate::notification::NotificationId;
use crate::store::{use_notifications, use_notifications_dispatch, Action, CenterAction, Filter};

#[derive(Properties, PartialEq)]
pub struct CenterPanelProps {
    pub panel_ref: NodeRef,
    /// The bell: focus that goes there has not left the center.
    pub bell_ref: NodeRef,
    pub filter: Filter,
    pub onfilter: Callback<Filter>,
    /// An entry to scroll to and focus.
    #[prop_or_default]
    pub reveal: Option<NotificationId>,
    pub now: f64,
    /// Closes the center, focus back on the bell (Escape, a link followed).
    pub onclose: Callback<()>,
    /// Closes the center where focus went elsewhere (Tab out, the settings link).
    pub onleave: Callback<()>,
}

#[component]
pub fn CenterPanel(props: &CenterPanelProps) -> Html {
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let lang = use_lang();
    let host = crate::host::use_host();
    let filter = props.filter;
    // The entry read in full, in place of the list, and the one to return to in the list.
    let detail = use_state_eq(|| None::<NotificationId>);
    let back_to = use_state_eq(|| None::<NotificationId>);
    let onback = {
        let (detail, back_to) = (detail.clone(), back_to.clone());
        Callback::from(move |()| {
            back_to.set((*detail).clone());
            detail.set(None);
        })
    };
    // Escape anywhere closes the panel first (the innermost open thing), before the pop-ups see it;
    // an entry read in full is more inner still, and Escape returns from it to the list.
    let reading = detail.is_some();
    crate::hooks::use_escape(
        true,
        reading,
        if reading {
            onback.clone()
        } else {
            props.onclose.clone()
        },
    );
    // Focus goes into the panel as it opens; leaving it for the page behind closes it.
    crate::hooks::use_focus_into(props.panel_ref.clone());
    let onfocusout = crate::hooks::on_focus_leaving(
        [props.panel_ref.clone(), props.bell_ref.clone()],
        props.onleave.clone(),
    );
    let (unread, counts, read_in_view) = {
        let model = store.model();
        let center = &model.center;
        (
            center.unread(),
            Filter::ALL.map(|f| center.count_of(f)),
            center.read_count_of(filter) > 0,
        )
    };
    // The filtered list, made again only when the store or the filter changes (not on a scroll).
    let entries = use_memo(((*store).clone(), filter), |(store, filter)| {
        Entries(Rc::new(store.model().center.view(*filter)))
    });
    let unread_in_view = entries.iter().any(|e| !e.read);
    // Opening an entry marks it read; following its link also closes the panel, which would
    // cover the page it leads to.
    let onopen = {
        let (dispatch, onclose) = (dispatch.clone(), props.onclose.clone());
        Callback::from(move |(id, follows): (NotificationId, bool)| {
            dispatch.emit(Action::Center(CenterAction::SetRead(id, true)));
            if follows {
                onclose.emit(());
            }
        })
    };
    let ontoggle = dispatch.reform(|(id, read)| Action::Center(CenterAction::SetRead(id, read)));
    let onremove = dispatch.reform(|x| Action::Center(CenterAction::Remove(x)));
    // Reading an entry in full reads it.
    let onexpand = {
        let (dispatch, detail) = (dispatch.clone(), detail.clone());
        Callback::from(move |id: NotificationId| {
            dispatch.emit(Action::Center(CenterAction::SetRead(id.clone(), true)));
            detail.set(Some(id));
        })
    };
    let read_whole = (*detail)
        .as_ref()
        .and_then(|id| store.model().center.get(id).cloned());
    // The buttons disable themselves: focus stays in the panel instead of falling to the page.
    let act = |action: fn(Filter) -> CenterAction| {
        let (dispatch, panel_ref) = (dispatch.clone(), props.panel_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(panel) = panel_ref.cast::<web_sys::HtmlElement>() {
                let _ = panel.focus();
            }
            dispatch.emit(action(filter).into());
        })
    };
    let onsettings = {
        let onleave = props.onleave.clone();
        Callback::from(move |event: MouseEvent| {
            onleave.emit(());
            let _ = follow_click(
                &event,
                &crate::notification::Link::Internal(SETTINGS_PATH.into()),
            );
        })
    };
    let now = props.now;
    // The list returns to the entry read in full, or goes to one asked for from outside.
    let reveal = (*back_to).clone().or_else(|| props.reveal.clone());
    html! {
        <div ref={props.panel_ref.clone()} id="an-notification-panel" class="an-panel" role="dialog"
             aria-label={lang.label(Label::NotificationCenter)} tabindex="-1" {onfocusout}>
            <div class="an-panel__head">
                <h2 class="an-panel__title">
                    <span class="an-panel__name">{ lang.label(Label::Notifications) }</span>
                    // "99+" beyond 99, as everywhere, the whole count in its tooltip.
                    if unread > 0 {
                        <small title={lang.unread_count(unread, &unread.to_string())}>
                            { count_label(unread) }
                            // "24 новых", on a phone as on a desktop.
                            <span class="an-panel__word">{ " " }{ lang.unread_word(unread.min(99)) }</span>
                        </small>
                    }
                </h2>
                <div class="an-panel__tools">
                    <button type="button" class="an-panel__action" disabled={!unread_in_view} onclick={act(CenterAction::MarkAllRead)}>
                        { lang.label(Label::MarkAllRead) }
                    </button>
                    // The settings page is the full app's; an embedded center has none.
                    if !host.is_embedded() {
                        <a class="an-panel__settings" href={SETTINGS_PATH} onclick={onsettings}
                           title={lang.label(Label::NotificationSettings)}>
                            <span class="visually-hidden">{ lang.label(Label::NotificationSettings) }</span>
                            { icons::settings(18) }
                        </a>
                    }
                </div>
            </div>
            <StatusBanner place={BannerPlace::Center} />
            if let Some(entry) = read_whole {
                <EntryDetail {entry} {now} {onback} {onopen} {ontoggle} {onremove} />
            } else {
                <CenterTabs {filter} {counts} onselect={props.onfilter.clone()} />
                if entries.is_empty() {
                    <p class="an-panel__empty">{ lang.empty(filter, counts[0] == 0) }</p>
                } else {
                    // A new list per filter: it starts at the top, on the newest entry.
                    <CenterList key={filter.label()} entries={(*entries).clone()} {now} label={lang.label(Label::NewestFirst)}
                                {reveal} {onopen} {ontoggle} {onremove} {onexpand} />
                }
                <div class="an-panel__foot">
                    <span>{ lang.shown_of(entries.len(), counts[0]) }</span>
                    <button type="button" class="an-panel__action" disabled={!read_in_view} onclick={act(CenterAction::ClearRead)}>
                        { lang.label(Label::ClearRead) }
                    </button>
                </div>
            }
        </div>
    }
}
