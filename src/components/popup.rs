//! One pop-up: information, error or call. It announces itself (`status` or `alert`), counts
//! repeats (×N), times out unless it is an error or a call, and pauses while hovered, focused or
//! while the tab is hidden.

use std::rc::Rc;

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use super::call_card::CallCard;
use super::icons;
use super::markup_view::MarkupView;
use super::notification_icon::NotificationIcon;
use super::popup_countdown::{hold, use_countdown, Hold};
use crate::i18n::{Label, Words};
use crate::navigate::{in_shadow, open_link};
use crate::notification::{time, Kind, Method, NotificationId};
use crate::store::Popup as PopupState;

#[derive(Properties, PartialEq)]
pub struct PopupProps {
    pub popup: PopupState,
    /// The time "now" for the relative date.
    pub now: f64,
    /// Closed, timed out, or clicked through.
    pub ondismiss: Callback<NotificationId>,
    /// Clicked through: the center marks its entry read.
    pub onopen: Callback<NotificationId>,
    /// Shown in the expanded stack: its countdown holds until the stack collapses.
    #[prop_or_default]
    pub held: bool,
}

#[component]
pub fn Popup(props: &PopupProps) -> Html {
    let lang = crate::hooks::use_lang();
    let notification = &props.popup.notification;
    let id = notification.id.clone();

    let target = notification.target();
    // Opening it: marks it read, runs its widget's notification callback, follows its link.
    let clickable = target.is_some() || notification.widget_code.is_some();
    let dispatch = crate::store::use_notifications_dispatch();
    let follow = {
        let (ondismiss, onopen, id) = (props.ondismiss.clone(), props.onopen.clone(), id.clone());
        let dispatch = dispatch.clone();
        let (target, notification) = (target.clone(), Rc::clone(notification));
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            onopen.emit(id.clone());
            ondismiss.emit(id.clone());
            dispatch.emit(crate::store::CenterAction::Opened(Rc::clone(&notification)).into());
            if let Some(target) = &target {
                open_link(target, in_shadow(&event));
            }
        })
    };
    let onclick = clickable.then(|| follow.clone());
    let button = notification
        .button
        .clone()
        .zip(notification.link.clone())
        .map(|(label, link)| {
            let follow = follow.clone();
            let onclick = Callback::from(move |event: MouseEvent| {
                event.stop_propagation();
                follow.emit(event);
            });
            html! {
                <a class="an-popup__button" href={link.as_str().to_owned()} {onclick}>{ label }</a>
            }
        });
    let node = use_node_ref();
    let onclose = {
        let (ondismiss, id, node) = (props.ondismiss.clone(), id.clone(), node.clone());
        Callback::from(move |event: MouseEvent| {
            event.stop_propagation();
            // Closed from the keyboard: focus goes on to the next pop-up, not to the page.
            if let Some(popup) = node.cast::<web_sys::Element>() {
                if popup.matches(":focus-within").unwrap_or(false) {
                    super::focus::focus_neighbour(&popup);
                }
            }
            ondismiss.emit(id.clone());
        })
    };

    // Cut short (a long header, more than four lines, a long name on the call): "Show all" shows it
    // whole in place, and holds the countdown while it is read.
    let (body_ref, cut) = crate::hooks::use_cut(
        ".an-popup__header, .an-popup__text, .an-call-card dd",
        (
            Rc::clone(notification),
            props.popup.count,
            props.popup.whole,
            lang,
        ),
    );
    // Kept in the store, not here: the stack may make this component anew (when another pop-up
    // closes), and a button's callback from before would toggle a state no longer shown.
    let whole = props.popup.whole;
    let countdown = use_countdown(&props.popup, props.held, props.ondismiss.clone());
    let more = (cut || whole).then(|| {
        let onclick = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |event: MouseEvent| {
                event.stop_propagation();
                dispatch.emit(crate::store::PopupAction::ShowWhole(id.clone(), !whole).into());
            })
        };
        html! {
            <button type="button" class="an-popup__more" aria-expanded={whole.to_string()} {onclick}>
                { lang.label(if whole { Label::ShowLess } else { Label::ShowAll }) }
            </button>
        }
    });

    let style = use_style(style());

    let kind = notification.kind;
    let header = if notification.header.is_blank()
        && kind == Kind::Call
        && notification.method == Method::AddCall
    {
        html! { { lang.untitled(Kind::Call) } }
    } else {
        html! { <MarkupView markup={notification.header.clone()} flatten_links={target.is_some()} /> }
    };
    let header = match &target {
        Some(link) => {
            html! { <a class="an-popup__header" dir="auto" href={link.as_str().to_owned()}>{ header }</a> }
        }
        None => html! { <span class="an-popup__header" dir="auto">{ header }</span> },
    };
    let count = props.popup.count;
    html! {
        <div ref={node} class={classes!("an-popup", style)}
             role={if kind.is_urgent() { "alert" } else { "status" }}
             aria-atomic="true"
             data-id={id.to_string()} data-kind={kind.name()}
             data-clickable={clickable.then_some("")} data-whole={whole.then_some("")}
             style={format!("--an-kind: var(--an-{})", kind.name())}
             {onclick}
             onmouseenter={hold::<MouseEvent>(&countdown, Hold::Hover, true)}
             onmouseleave={hold::<MouseEvent>(&countdown, Hold::Hover, false)}
             onfocusin={hold::<FocusEvent>(&countdown, Hold::Focus, true)}
             onfocusout={hold::<FocusEvent>(&countdown, Hold::Focus, false)}>
            <div class="an-popup__icon"><NotificationIcon {kind} src={notification.icon.clone()} size={22} /></div>
            <div ref={body_ref} class="an-popup__body">
                <div class="an-popup__title" dir="auto">
                    { header }
                    if count > 1 {
                        <span class="an-popup__count" aria-label={lang.repeated(count)}>
                            { format!("×{count}") }
                        </span>
                    }
                </div>
                <div class="an-popup__text" dir="auto"><MarkupView markup={notification.text.clone()} /></div>
                if let Some(call) = &notification.call {
                    <CallCard call={call.clone()} />
                }
                { button.unwrap_or_default() }
                <div class="an-popup__meta">
                    <time datetime={time::iso8601(notification.date_ms)}>{ lang.relative_time(notification.date_ms, props.now, time::local_offset(props.now)) }</time>
                    { for more }
                </div>
            </div>
            <button type="button" class="an-popup__close" aria-label={lang.label(Label::Dismiss)} onclick={onclose}>
                { icons::close(16) }
            </button>
            if let Some(ms) = notification.timeout_ms {
                <div key={count} class="an-popup__countdown" aria-hidden="true"
                     style={format!("animation-duration: {ms}ms")} />
            }
        </div>
    }
}

/// A pop-up: icon, header, text, its button and its countdown bar. Scoped by stylist to the
/// component's root, which keeps its `an-popup` class for hosts' style sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        pointer-events: auto; position: relative; overflow: hidden;
        display: grid; grid-template-columns: 40px 1fr 28px; gap: 12px;
        padding: 14px 12px 14px 14px; margin-top: var(--an-popup-gap);
        background: var(--an-surface); color: var(--an-text);
        border: 1px solid var(--an-border); border-radius: var(--an-radius);
        box-shadow: var(--an-shadow); font-family: var(--an-font); font-size: var(--an-font-size);
        line-height: 1.4; text-align: start;
        border-left: 4px solid var(--an-kind);
        animation: an-popup-in 180ms ease-out;
        &[data-clickable] { cursor: pointer; }
        &[data-clickable]:hover { border-color: var(--an-kind); border-left-width: 4px; }
        .an-popup__icon {
            width: 40px; height: 40px; border-radius: 12px; display: grid; place-items: center;
            color: var(--an-kind); background: color-mix(in srgb, var(--an-kind) 12%, transparent);
        }
        .an-popup__icon img { width: 40px; height: 40px; border-radius: 12px; object-fit: cover; }
        .an-popup__body { min-width: 0; }
        .an-popup__title { display: flex; align-items: center; gap: 8px; min-width: 0; }
        .an-popup__header {
            font-weight: 600; font-size: 15px; color: var(--an-text); text-decoration: none;
            overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0;
        }
        a.an-popup__header:hover { text-decoration: underline; }
        .an-popup__count {
            flex: none; padding: 1px 7px; border-radius: 999px; font-size: 12px; font-weight: 600;
            background: var(--an-kind); color: #fff;
        }
        .an-popup__text {
            margin-top: 2px; color: var(--an-text); overflow-wrap: anywhere;
            display: -webkit-box; -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden;
        }
        .an-popup__text p { margin: 0; }
        .an-popup__text a { position: relative; z-index: 1; }
        .an-popup__button {
            display: inline-block; margin-top: 8px; padding: 5px 12px; border-radius: 8px;
            background: var(--an-accent); color: var(--an-accent-text); font-weight: 600; font-size: 13px;
            text-decoration: none; position: relative; z-index: 1;
        }
        .an-popup__button:hover { filter: brightness(1.08); }
        .an-popup__button:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 2px; }
        .an-popup__meta { margin-top: 6px; font-size: 12px; color: var(--an-text-muted); display: flex; align-items: center; gap: 10px; }
        .an-popup__more {
            border: 0; background: transparent; padding: 2px 6px; margin: -2px 0; border-radius: 6px;
            color: var(--an-accent); font: 600 12px var(--an-font); cursor: pointer; position: relative; z-index: 1;
        }
        .an-popup__more:hover { background: var(--an-surface-muted); }
        .an-popup__more:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 1px; }
        /* Shown whole: the header wraps, the text has no clamp (a very long one scrolls), the call's
           values are whole. */
        &[data-whole] .an-popup__title { align-items: flex-start; }
        &[data-whole] .an-popup__header { white-space: normal; overflow-wrap: anywhere; }
        &[data-whole] .an-popup__text {
            display: block; -webkit-line-clamp: none; max-height: min(50vh, 420px); overflow: auto; overscroll-behavior: contain;
        }
        &[data-whole] .an-call-card dd { display: block; overflow: visible; }
        .an-popup__close {
            width: 28px; height: 28px; display: grid; place-items: center; border: 0; border-radius: 8px;
            background: transparent; color: var(--an-text-muted); cursor: pointer; padding: 0;
        }
        .an-popup__close:hover { background: var(--an-surface-muted); color: var(--an-text); }
        .an-popup__countdown {
            position: absolute; left: 0; bottom: 0; height: 3px; width: 100%;
            background: var(--an-kind); opacity: .35; transform-origin: left;
            animation: an-countdown linear forwards;
        }
        &:hover .an-popup__countdown, &:focus-within .an-popup__countdown { animation-play-state: paused; }
        @keyframes an-popup-in { from { opacity: 0; transform: translateY(12px) scale(.98); } to { opacity: 1; transform: none; } }
        @keyframes an-countdown { from { transform: scaleX(1); } to { transform: scaleX(0); } }
        "#
    )
}
