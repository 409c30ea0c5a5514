//! (demo) A channel kept in this browser, or one that needs a server the page does not name: a row
//! with its switch. Browser notifications ask the browser's permission first.

use web_sys::NotificationPermission;
use yew::prelude::*;

use super::{use_change_settings, use_settings, ChannelProps};
use crate::browser::notification_permission as permission;
use crate::hooks::use_lang;
use crate::i18n::{ChannelWord, Words};
use crate::store::{DeliveryChannel, SettingsAction};

#[component]
pub(super) fn LocalChannel(props: &ChannelProps) -> Html {
    let channel = props.channel;
    let lang = use_lang();
    let change = use_change_settings();
    let settings = use_settings();
    let permission_now = use_state(permission);
    // The browser refused notifications when asked just now: shown, not hidden.
    let refused = use_state(|| false);
    let on = settings.channels.is_on(channel);
    let onclick = {
        let (change, permission_now, refused) =
            (change.clone(), permission_now.clone(), refused.clone());
        Callback::from(move |_: MouseEvent| {
            if channel != DeliveryChannel::Browser || on {
                change.emit(SettingsAction::SetChannel(channel, !on));
                return;
            }
            // Switching browser notifications on asks the browser first.
            let (change, permission_now, refused) =
                (change.clone(), permission_now.clone(), refused.clone());
            yew::platform::spawn_local(async move {
                let granted = crate::browser::request_notification_permission().await;
                permission_now.set(permission());
                refused.set(!granted);
                if granted {
                    change.emit(SettingsAction::SetChannel(DeliveryChannel::Browser, true));
                }
            });
        })
    };
    let needs_server = channel.needs_server() && !settings.server.delivers();
    let (disabled, description, badge, note) = match channel {
        DeliveryChannel::Interface => (true, lang.channels(ChannelWord::InterfaceDesc), None, None),
        DeliveryChannel::Browser => {
            let blocked = *permission_now == Some(NotificationPermission::Denied);
            let note = match *permission_now {
                None => Some(lang.channels(ChannelWord::BrowserUnsupported)),
                Some(NotificationPermission::Denied) if *refused => {
                    Some(lang.channels(ChannelWord::BrowserRefused))
                }
                Some(NotificationPermission::Denied) => {
                    Some(lang.channels(ChannelWord::BrowserBlocked))
                }
                _ if *refused => Some(lang.channels(ChannelWord::BrowserNotAllowed)),
                _ => None,
            };
            (
                permission_now.is_none() || (blocked && !settings.channels.browser),
                lang.channels(ChannelWord::BrowserDesc),
                None,
                note,
            )
        }
        DeliveryChannel::Email | DeliveryChannel::Push => (
            needs_server,
            if channel == DeliveryChannel::Email {
                lang.channels(ChannelWord::EmailDesc)
            } else {
                lang.channels(ChannelWord::PushDesc)
            },
            needs_server.then_some(lang.channels(ChannelWord::NeedsServer)),
            None,
        ),
    };
    let checked = on && !needs_server;
    let id = format!("st-{}", channel.name());
    html! {
        <div class="st-row" data-channel={channel.name()}>
            <div class="st-text">
                <div class="st-label" id={id.clone()}>
                    { lang.channel(channel) }
                    if let Some(badge) = badge { <span class="st-badge">{ badge }</span> }
                </div>
                <p class="st-desc">{ description }</p>
                if let Some(note) = note { <p class="st-note" role="status">{ note }</p> }
            </div>
            <button type="button" role="switch" class="st-switch" aria-labelledby={id}
                    aria-checked={checked.to_string()} {disabled} {onclick} />
        </div>
    }
}
