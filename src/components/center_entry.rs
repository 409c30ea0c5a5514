//! One entry of the notification center: `<li class="notification__item" data-id>`, the selector
//! real telephony widgets use to find their earlier notifications.
//!
//! Every entry is [`ENTRY_HEIGHT`] tall (text is clamped to two lines, a call to one summary line),
//! which is what lets the center window its list.

use std::rc::Rc;

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::center_layout::ENTRY_HEIGHT;
use super::icons;
use super::markup_view::MarkupView;
use super::notification_icon::NotificationIcon;
use crate::hooks::use_lang;
use crate::i18n::{Label, Language, Words};
use crate::navigate::follow_click;
use crate::notification::{time, CallInfo, Notification, NotificationId};
use crate::store::Delivery;
use amocrm_notify_protocol::http_api::{ChannelStatus, DeliveryState};

#[derive(Properties, PartialEq)]
pub struct CenterEntryProps {
    pub notification: Rc<Notification>,
    pub read: bool,
    #[prop_or_default]
    pub delivery: Delivery,
    /// Where the server sent it: email, devices, or why that failed.
    #[prop_or_default]
    pub sent: Rc<[ChannelStatus]>,
    pub now: f64,
    /// Its place in the list (`aria-posinset` is one more) and the list's length.
    #[prop_or_default]
    pub index: usize,
    #[prop_or(1)]
    pub size: usize,
    /// Its top in a windowed list; `None` in an ordinary list.
    #[prop_or_default]
    pub top: Option<u32>,
    /// The entry the keyboard is on: the one reached by Tab.
    #[prop_or(true)]
    pub active: bool,
    /// Opened: mark it read; `true` when its link is being followed.
    pub onopen: Callback<(NotificationId, bool)>,
    /// Marked read (`true`) or unread by hand; without it the entry has no buttons.
    #[prop_or_default]
    pub ontoggle: Option<Callback<(NotificationId, bool)>>,
    #[prop_or_default]
    pub onremove: Option<Callback<NotificationId>>,
    /// Read in full: the center shows the whole entry in place of the list.
    #[prop_or_default]
    pub onexpand: Option<Callback<NotificationId>>,
}

#[component]
pub fn CenterEntry(props: &CenterEntryProps) -> Html {
    let style = use_style(style());
    let notification = &props.notification;
    let id = &notification.id;
    let target = notification.target();
    let dispatch = crate::store::use_notifications_dispatch();
    let onclick = {
        let (onopen, id, target) = (props.onopen.clone(), id.clone(), target.clone());
        let dispatch = dispatch.clone();
        let notification = Rc::clone(notification);
        Callback::from(move |event: MouseEvent| {
            let followed = match &target {
                Some(target) => follow_click(&event, target),
                None => {
                    event.prevent_default();
                    false
                }
            };
            onopen.emit((id.clone(), followed));
            dispatch.emit(crate::store::CenterAction::Opened(Rc::clone(&notification)).into());
        })
    };
    let lang = use_lang();
    let kind = notification.kind;
    let header = if notification.header.is_blank() {
        html! { { lang.untitled(kind) } }
    } else {
        html! { <MarkupView markup={notification.header.clone()} flatten_links=true /> }
    };
    let href = target
        .as_ref()
        .map_or_else(|| "#".to_owned(), |t| t.as_str().to_owned());
    let external = target.as_ref().is_some_and(|t| !t.is_internal());
    let tabindex = if props.active { "0" } else { "-1" };
    let read = props.read;
    let toggle = props.ontoggle.as_ref().map(|ontoggle| {
        let onclick = ontoggle.reform({
            let id = id.clone();
            move |_: MouseEvent| (id.clone(), !read)
        });
        let label = lang.label(if read { Label::MarkUnread } else { Label::MarkRead });
        html! {
            <button type="button" class="an-entry__toggle" aria-label={label} title={label} {onclick} {tabindex}>
                <span class="an-entry__dot" />
            </button>
        }
    });
    let remove = props.onremove.as_ref().map(|onremove| {
        let onclick = onremove.reform({
            let id = id.clone();
            move |_: MouseEvent| id.clone()
        });
        html! {
            <button type="button" class="an-entry__remove" aria-label={lang.label(Label::Remove)} title={lang.label(Label::Remove)} {onclick} {tabindex}>
                { icons::close(14) }
            </button>
        }
    });
    // Whether the row cuts anything (header, text, call): then its "Read in full" stays in sight,
    // not only on hover and focus, so a touch screen has it too.
    let (body_ref, cut) = crate::hooks::use_cut(
        ".an-entry__header, .an-entry__text, .an-entry__call",
        // The text gives the status a line, so what the row cuts depends on the status too.
        (
            Rc::clone(notification),
            props.sent.clone(),
            props.delivery,
            lang,
        ),
    );
    let expand = props.onexpand.as_ref().map(|onexpand| {
        let onclick = onexpand.reform({
            let id = id.clone();
            move |_: MouseEvent| id.clone()
        });
        html! {
            <button type="button" class="an-entry__more" aria-label={lang.label(Label::ReadInFull)} title={lang.label(Label::ReadInFull)}
                    aria-controls="an-notification-panel" {onclick} {tabindex}>
                { icons::expand(14) }
            </button>
        }
    });
    let position = props.top.map(|top| {
        format!(
            "position:absolute;left:0;right:0;top:{top}px;height:{ENTRY_HEIGHT}px;contain:strict"
        )
    });
    html! {
        <li id={props.top.map(|_| format!("an-row-{}", props.index))}
            class={classes!("notification__item", "an-center-entry", style)} data-id={id.to_string()} data-kind={kind.name()}
            data-read={read.to_string()} data-index={props.index.to_string()} style={position}
            data-cut={cut.then_some("")}
            aria-posinset={(props.index + 1).to_string()} aria-setsize={props.size.to_string()}>
            <a class="an-entry" {href} {onclick} {tabindex}
               target={external.then_some("_blank")} rel={external.then_some("noopener noreferrer")}>
                <span class="an-entry__icon" style={format!("--an-kind: var(--an-{})", kind.name())}>
                    <NotificationIcon {kind} src={notification.icon.clone()} size={18} />
                </span>
                <span ref={body_ref} class="an-entry__body">
                    <span class="an-entry__header" dir="auto">{ header }</span>
                    // Two lines are shown; the whole text is in the DOM for screen readers and, for
                    // the pointer, in the tooltip (capped: a 1 MB text is not a tooltip).
                    <span class="an-entry__text" dir="auto" title={tooltip(&notification.text.text())}><MarkupView markup={notification.text.clone()} flatten_links=true /></span>
                    <span class="an-entry__meta">
                        <time datetime={time::iso8601(notification.date_ms)}>{ lang.entry_time(notification.date_ms, props.now, time::local_offset(props.now)) }</time>
                        if let Some(call) = &notification.call {
                            <span class="an-entry__call" title={call_summary(lang, call)}>{ call_summary(lang, call) }</span>
                        }
                        if props.delivery == Delivery::Pending {
                            <span class="an-entry__pending">{ lang.label(Label::NotDelivered) }</span>
                        }
                        if let Some(sent) = lang.sent_summary(&props.sent, |at| {
                            time::clock(at, time::local_offset(at))
                        }) {
                            <span class="an-entry__sent" data-failed={props.sent.iter().any(|s| s.state == DeliveryState::Failed).to_string()}
                                  title={sent.clone()}>{ sent }</span>
                        }
                    </span>
                </span>
                if !read {
                    <span class="visually-hidden">{ lang.label(Label::UnreadMarker) }</span>
                }
            </a>
            <span class="an-entry__actions">{ toggle }{ remove }{ expand }</span>
        </li>
    }
}

/// The text as a tooltip: up to 500 characters.
fn tooltip(text: &str) -> String {
    match text.char_indices().nth(500) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// "+7 495 123-45-67 → Jason Nash · Contact: Ivan · 4:10", on one line.
fn call_summary(lang: Language, call: &CallInfo) -> String {
    let mut parts = Vec::new();
    match (&call.from, &call.to) {
        (Some(from), Some(to)) => parts.push(format!("{from} → {to}")),
        (Some(from), None) => parts.push(format!("{} {from}", lang.label(Label::From))),
        (None, Some(to)) => parts.push(format!("{} {to}", lang.label(Label::To))),
        (None, None) => {}
    }
    if let Some(entity) = &call.entity {
        parts.push(format!(
            "{}: {}",
            lang.entity(entity.kind),
            entity.display_name()
        ));
    }
    if let Some(secs) = call.duration_secs {
        parts.push(time::duration(secs));
    }
    parts.join(" · ")
}

/// One entry of the center: icon, header, two lines of text, its meta line and its actions. Scoped
/// by stylist to the component's root, which keeps its `an-center-entry` class for hosts' style
/// sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        position: relative; list-style: none;
        .an-entry {
            position: relative; display: grid; grid-template-columns: 36px minmax(0, 1fr); gap: 12px;
            height: calc(100% - 3px); box-sizing: border-box; padding: 8px 40px 8px 10px; border-radius: 10px;
            color: var(--an-text); text-decoration: none; overflow: hidden;
        }
        .an-entry:hover, .an-entry:focus-visible { background: var(--an-surface-hover); }
        .an-entry:focus-visible { outline: 2px solid var(--an-accent); outline-offset: -2px; }
        &[data-read="false"] .an-entry { background: color-mix(in srgb, var(--an-unread) 6%, transparent); }
        &[data-read="false"] .an-entry:hover { background: var(--an-surface-hover); }
        .an-entry__icon {
            width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center;
            color: var(--an-kind); background: color-mix(in srgb, var(--an-kind) 12%, transparent);
        }
        .an-entry__icon img { width: 36px; height: 36px; border-radius: 10px; object-fit: cover; }
        .an-entry__body { min-width: 0; display: flex; flex-direction: column; gap: 2px; line-height: 18px; }
        .an-entry__header { font-weight: 600; line-height: 20px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        &[data-read="true"] .an-entry__header { font-weight: 500; }
        .an-entry__text {
            color: var(--an-text-muted); overflow-wrap: anywhere; max-height: 36px;
            display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
        }
        .an-entry__text p { margin: 0; display: inline; }
        .an-entry__meta {
            display: flex; flex-wrap: wrap; gap: 2px 8px; font-size: 12px; line-height: 16px;
            color: var(--an-text-muted); white-space: nowrap; overflow: hidden; max-height: 34px;
        }
        /* Rows are 96 px (the list places them by that): where a status may need a second line of
           the meta, the text gives it one of its two. */
        .an-entry__body:has(.an-entry__sent) .an-entry__text { -webkit-line-clamp: 1; max-height: 18px; }
        .an-entry__meta time { flex: none; }
        /* The call's summary gives way first (its tooltip has the whole). Where the entry went
           ("emailed 00:42", "прочитано, письмо не отправлено") is never cut: it takes
           the next line when the first is full, and wraps there if it must. */
        .an-entry__call { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
        .an-entry__pending { color: var(--an-error-text); font-weight: 600; flex: none; }
        .an-entry__sent { color: var(--an-text-muted); white-space: normal; overflow-wrap: anywhere; flex: 0 1 auto; min-width: 0; }
        .an-entry__sent[data-failed="true"] { color: var(--an-error-text); font-weight: 600; }
        .an-entry__actions {
            position: absolute; top: 8px; right: 6px; display: flex; flex-direction: column; gap: 2px;
        }
        .an-entry__actions button {
            width: 26px; height: 26px; display: grid; place-items: center; padding: 0; border: 0;
            border-radius: 8px; background: transparent; color: var(--an-text-muted); cursor: pointer;
        }
        .an-entry__actions button:hover { background: var(--an-surface-muted); color: var(--an-text); }
        .an-entry__actions button:focus-visible { outline: 2px solid var(--an-accent); outline-offset: -2px; }
        .an-entry__dot { width: 9px; height: 9px; border-radius: 50%; box-sizing: border-box; border: 2px solid var(--an-unread); }
        &[data-read="false"] .an-entry__dot { background: var(--an-unread); }
        .an-entry__remove, .an-entry__more { opacity: 0; }
        &[data-cut] .an-entry__more { opacity: 1; color: var(--an-accent); }
        &:hover .an-entry__remove, &:focus-within .an-entry__remove,
        &:hover .an-entry__more, &:focus-within .an-entry__more { opacity: 1; }
        &[data-read="true"] .an-entry__toggle { opacity: 0; }
        &:hover .an-entry__toggle, &:focus-within .an-entry__toggle { opacity: 1; }
        "#
    )
}
