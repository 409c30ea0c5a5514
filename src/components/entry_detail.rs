//! One entry read in full, in place of the center's list: the whole header and text (links live),
//! the call, the date, where it went, and the entry's actions. Reached from an entry's "Read in
//! full" button by mouse, keyboard or touch; Back (or Escape) returns to the entry in the list.

use std::rc::Rc;

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::call_card::CallCard;
use super::icons;
use super::markup_view::MarkupView;
use super::notification_icon::NotificationIcon;
use crate::hooks::use_lang;
use crate::i18n::{Label, Words};
use crate::navigate::follow_click;
use crate::notification::{time, NotificationId};
use crate::store::{Delivery, Entry};

#[derive(Properties, PartialEq)]
pub struct EntryDetailProps {
    pub entry: Entry,
    pub now: f64,
    /// Back to the list.
    pub onback: Callback<()>,
    /// Its link followed: as opening the entry in the list.
    pub onopen: Callback<(NotificationId, bool)>,
    pub ontoggle: Callback<(NotificationId, bool)>,
    pub onremove: Callback<NotificationId>,
}

#[component]
pub fn EntryDetail(props: &EntryDetailProps) -> Html {
    let lang = use_lang();
    let style = use_style(style());
    let dispatch = crate::store::use_notifications_dispatch();
    let back_ref = use_node_ref();
    {
        // The keyboard starts here: Back is the first thing, the whole text after it.
        let back_ref = back_ref.clone();
        use_effect_with(props.entry.notification.id.clone(), move |_| {
            if let Some(back) = back_ref.cast::<web_sys::HtmlElement>() {
                let _ = back.focus();
            }
        });
    }
    let notification = &props.entry.notification;
    let id = notification.id.clone();
    let kind = notification.kind;
    let header = if notification.header.is_blank() {
        html! { { lang.untitled(kind) } }
    } else {
        html! { <MarkupView markup={notification.header.clone()} /> }
    };
    let read = props.entry.read;
    let onback = props.onback.reform(|_: MouseEvent| ());
    let ontoggle = props.ontoggle.reform({
        let id = id.clone();
        move |_: MouseEvent| (id.clone(), !read)
    });
    let onremove = {
        let (onremove, onback, id) = (props.onremove.clone(), props.onback.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            onremove.emit(id.clone());
            onback.emit(());
        })
    };
    let link = notification.target().map(|target| {
        let (onopen, id) = (props.onopen.clone(), id.clone());
        let href = target.as_str().to_owned();
        let external = !target.is_internal();
        let (dispatch, notification) = (dispatch.clone(), Rc::clone(notification));
        let onclick = Callback::from(move |event: MouseEvent| {
            let followed = follow_click(&event, &target);
            onopen.emit((id.clone(), followed));
            dispatch.emit(crate::store::CenterAction::Opened(Rc::clone(&notification)).into());
        });
        html! {
            <a class="an-detail__open" {href} {onclick}
               target={external.then_some("_blank")} rel={external.then_some("noopener noreferrer")}>
                { lang.label(Label::Open) }
            </a>
        }
    });
    let date = notification.date_ms;
    let sent = lang.sent_summary(&props.entry.sent, |at| {
        time::clock(at, time::local_offset(at))
    });
    html! {
        <article class={classes!("an-detail", style)} data-id={id.to_string()} data-kind={kind.name()}
                 aria-labelledby="an-detail-header">
            <div class="an-detail__bar">
                <button ref={back_ref} type="button" class="an-detail__back" onclick={onback}>
                    <span aria-hidden="true">{ "← " }</span>{ lang.label(Label::BackToList) }
                </button>
            </div>
            <div class="an-detail__body">
                <div class="an-detail__head">
                    <span class="an-detail__icon" style={format!("--an-kind: var(--an-{})", kind.name())}>
                        <NotificationIcon {kind} src={notification.icon.clone()} size={20} />
                    </span>
                    <h3 id="an-detail-header" class="an-detail__header" dir="auto">{ header }</h3>
                </div>
                <p class="an-detail__meta">
                    <time datetime={time::iso8601(date)}>
                        { format!("{}, {}", lang.calendar_date_of(date - time::local_offset(date) * 60_000.0), time::local_clock(date)) }
                    </time>
                    if props.entry.delivery == Delivery::Pending {
                        <span class="an-detail__pending">{ lang.label(Label::NotDelivered) }</span>
                    }
                    if let Some(sent) = sent {
                        <span class="an-detail__sent">{ sent }</span>
                    }
                </p>
                <div class="an-detail__text" dir="auto"><MarkupView markup={notification.text.clone()} /></div>
                if let Some(call) = &notification.call {
                    <CallCard call={call.clone()} whole=true />
                }
            </div>
            <div class="an-detail__actions">
                { for link }
                <button type="button" class="an-panel__action" onclick={ontoggle}>{ lang.label(if read { Label::MarkUnread } else { Label::MarkRead }) }</button>
                <button type="button" class="an-panel__action" onclick={onremove}>
                    { icons::close(14) }{ lang.label(Label::Remove) }
                </button>
            </div>
        </article>
    }
}

/// The entry read in full: a bar with Back, the body that scrolls, and the actions at its foot.
/// Scoped by stylist to the component's root, which keeps its `an-detail` class for hosts' style
/// sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        display: flex; flex-direction: column; min-height: 0; flex: 1 1 auto;
        .an-detail__bar { padding: 6px 8px; border-bottom: 1px solid var(--an-border); }
        .an-detail__back {
            border: 0; background: transparent; color: var(--an-accent); font: 600 13px var(--an-font);
            padding: 6px 8px; border-radius: 8px; cursor: pointer;
        }
        .an-detail__back:hover { background: var(--an-surface-hover); }
        .an-detail__body { overflow: auto; padding: 12px 16px 16px; min-height: 0; flex: 1 1 auto; overscroll-behavior: contain; }
        .an-detail__head { display: grid; grid-template-columns: 36px minmax(0, 1fr); gap: 12px; align-items: start; }
        .an-detail__icon {
            width: 36px; height: 36px; border-radius: 10px; display: grid; place-items: center;
            color: var(--an-kind); background: color-mix(in srgb, var(--an-kind) 12%, transparent);
        }
        .an-detail__icon img { width: 36px; height: 36px; border-radius: 10px; object-fit: cover; }
        .an-detail__header { margin: 6px 0 0; font-size: 16px; line-height: 22px; font-weight: 650; overflow-wrap: anywhere; }
        .an-detail__meta {
            display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 8px 0 0 48px;
            font-size: 12px; color: var(--an-text-muted);
        }
        .an-detail__pending { color: var(--an-error-text); font-weight: 600; }
        .an-detail__text { margin: 12px 0 0; line-height: 1.5; overflow-wrap: anywhere; }
        .an-detail__text p { margin: 0 0 8px; }
        .an-detail__text a, .an-detail__header a { color: var(--an-accent); }
        .an-detail__actions {
            display: flex; flex-wrap: wrap; align-items: center; gap: 4px; padding: 6px 10px;
            border-top: 1px solid var(--an-border);
        }
        .an-detail__actions .an-panel__action { display: inline-flex; align-items: center; gap: 4px; }
        .an-detail__open {
            padding: 6px 12px; border-radius: 8px; background: var(--an-accent); color: var(--an-accent-text);
            font-weight: 600; text-decoration: none; margin-inline-end: auto;
        }
        "#
    )
}
