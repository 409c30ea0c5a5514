//! One entry of the notification center: `<li class="notification__item" data-id>`, the selector
//! real telephony widgets use to find their earlier notifications.

use stylist::Style;
use yew::prelude::*;

use super::call_card::CallCard;
use super::markup_view::MarkupView;
use super::notification_icon::NotificationIcon;
use crate::hooks::follow_click;
use crate::notification::{time, Kind, Notification, NotificationId};
use std::rc::Rc;

#[derive(Properties, PartialEq)]
pub struct CenterEntryProps {
    pub notification: Rc<Notification>,
    pub read: bool,
    pub now: f64,
    /// Opened: mark it read.
    pub onopen: Callback<NotificationId>,
}

#[component]
pub fn CenterEntry(props: &CenterEntryProps) -> Html {
    let notification = &props.notification;
    let target = notification.target();
    let onclick = {
        let (onopen, id, target) = (
            props.onopen.clone(),
            notification.id.clone(),
            target.clone(),
        );
        Callback::from(move |event: MouseEvent| {
            onopen.emit(id.clone());
            if let Some(target) = &target {
                follow_click(&event, target);
            } else {
                event.prevent_default();
            }
        })
    };
    let kind = notification.kind;
    let header = if notification.header.is_blank() {
        html! { { if kind == Kind::Call { "Incoming call" } else { "Error" } } }
    } else {
        html! { <MarkupView markup={notification.header.clone()} flatten_links=true /> }
    };
    let style = entry_style();
    let href = target
        .as_ref()
        .map_or_else(|| "#".to_owned(), |t| t.as_str().to_owned());
    let external = target.as_ref().is_some_and(|t| !t.is_internal());
    html! {
        <li class={classes!("notification__item", style)} data-id={notification.id.to_string()} data-kind={kind.name()}
            data-read={props.read.to_string()}>
            <a class="an-entry" {href} {onclick}
               target={external.then_some("_blank")} rel={external.then_some("noopener noreferrer")}>
                <span class="an-entry__icon" style={format!("--an-kind: var(--an-{})", kind.name())}>
                    <NotificationIcon {kind} src={notification.icon.clone()} size={18} />
                </span>
                <span class="an-entry__body">
                    <span class="an-entry__header" dir="auto">{ header }</span>
                    <span class="an-entry__text" dir="auto"><MarkupView markup={notification.text.clone()} flatten_links=true /></span>
                    if let Some(call) = &notification.call {
                        <CallCard call={call.clone()} compact=true />
                    }
                    <span class="an-entry__time">
                        <time datetime={time::iso8601(notification.date_ms)}>{ time::relative(notification.date_ms, props.now) }</time>
                    </span>
                </span>
                if !props.read {
                    <span class="an-entry__unread" aria-label="unread" />
                }
            </a>
        </li>
    }
}

/// One stylesheet for every entry, created on first use: rows are many, and a per-row style hook
/// would look the sheet up again for each of them.
fn entry_style() -> Style {
    thread_local! {
        static STYLE: Style = Style::new(stylist::css!(r#"
        & + .notification__item { margin-top: 2px; }
        .an-entry {
            position: relative; display: grid; grid-template-columns: 36px 1fr 10px; gap: 12px;
            padding: 10px; border-radius: 10px; color: var(--an-text); text-decoration: none;
        }
        .an-entry:hover { background: var(--an-surface-hover); }
        &[data-read="false"] .an-entry { background: color-mix(in srgb, var(--an-unread) 6%, transparent); }
        &[data-read="false"] .an-entry:hover { background: var(--an-surface-hover); }
        .an-entry__icon {
            width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center;
            color: var(--an-kind); background: color-mix(in srgb, var(--an-kind) 12%, transparent);
        }
        .an-entry__icon img { width: 36px; height: 36px; border-radius: 10px; object-fit: cover; }
        .an-entry__body { min-width: 0; display: flex; flex-direction: column; gap: 2px; }
        .an-entry__header { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        &[data-read="true"] .an-entry__header { font-weight: 500; }
        .an-entry__text {
            color: var(--an-text-muted); overflow-wrap: anywhere;
            display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden;
        }
        .an-entry__text p { margin: 0; }
        .an-entry dl { margin-top: 4px; font-size: 12px; }
        .an-entry__time { font-size: 12px; color: var(--an-text-muted); margin-top: 2px; }
        .an-entry__unread { width: 8px; height: 8px; margin-top: 6px; border-radius: 50%; background: var(--an-unread); }
        "#))
        .expect("the entry stylesheet is valid CSS");
    }
    STYLE.with(Style::clone)
}
