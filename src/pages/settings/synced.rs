//! (demo) Email and mobile push with a token: the person's preferences kept on the account's server,
//! per kind, with the email digest, the "only unread" wait and the emails' time zone. Push shows this
//! device's real state: on only where the person wants push and this device receives it.

use yew::prelude::*;

use super::Kind;
use super::{use_change_settings, use_settings, ChannelProps};
use crate::hooks::{use_connection, use_lang};
use crate::i18n::{PreferenceWord, Words};
use crate::store::{DeliveryChannel, PushRequest, SettingsAction, Status};
use amocrm_notify_protocol::http_api::{KindSwitch, Preferences};

#[component]
pub(super) fn SyncedChannel(props: &ChannelProps) -> Html {
    let channel = props.channel;
    let lang = use_lang();
    let device_push = use_settings().device_push.subscribed;
    let description = if channel == DeliveryChannel::Email {
        lang.preferences(PreferenceWord::EmailSyncedDesc)
    } else {
        lang.preferences(PreferenceWord::PushSyncedDesc)
    };
    // Whether this device is subscribed, once the page has asked the browser: a marker for tests
    // and hosts that the switches show this device's real state.
    let device = (channel == DeliveryChannel::Push).then_some(match device_push {
        None => "unknown",
        Some(true) => "subscribed",
        Some(false) => "unsubscribed",
    });
    html! {
        <div class="st-row" data-channel={channel.name()} data-synced="true" data-device={device}>
            <div class="st-text">
                <div class="st-label">{ lang.channel(channel) }</div>
                <p class="st-desc">{ description }</p>
                <Choices {channel} />
            </div>
        </div>
    }
}

/// The channel's kinds, and for email the digest, the wait and the zone; a word while there are no
/// preferences to show yet.
#[component]
fn Choices(props: &ChannelProps) -> Html {
    let channel = props.channel;
    let lang = use_lang();
    let change = use_change_settings();
    let connection = use_connection();
    let settings = use_settings();
    let (preferences, device) = (settings.preferences, settings.device_push);
    let Some(prefs) = preferences else {
        // Nothing kept in this browser yet: loading, or waiting for the server to come back.
        let wait = if connection == Status::Clear {
            lang.preferences(PreferenceWord::Loading)
        } else {
            lang.preferences(PreferenceWord::ChoicesAfterServer)
        };
        return html! { <p class="st-desc" role="status" data-field="preferences-wait">{ wait }</p> };
    };
    // Push is on here only where this device receives it.
    let here = channel != DeliveryChannel::Push || device.subscribed == Some(true);
    let switch = |kind: Kind| {
        let on = here && kind.of(switches(&prefs, channel));
        let onchange = {
            let (change, prefs, subscribed) = (change.clone(), prefs.clone(), device.subscribed);
            Callback::from(move |_: Event| {
                let mut next = prefs.clone();
                kind.set(switches_mut(&mut next, channel), !on);
                choose(&change, next, subscribed == Some(true));
            })
        };
        let id = format!("st-{}-{}", channel.name(), kind.name());
        html! {
            <label class="st-check" for={id.clone()}>
                <input type="checkbox" id={id} data-kind={kind.name()} checked={on} {onchange} />
                { kind.label(lang) }
            </label>
        }
    };
    let email =
        (channel == DeliveryChannel::Email).then(|| html! { <EmailTimes prefs={prefs.clone()} /> });
    let elsewhere = channel == DeliveryChannel::Push
        && device.subscribed == Some(false)
        && (prefs.push.errors || prefs.push.calls);
    let note = match (channel, &device.refusal) {
        (DeliveryChannel::Push, Some(refusal)) => Some(lang.push_refusal(refusal)),
        _ if elsewhere => Some(lang.preferences(PreferenceWord::PushElsewhere).to_owned()),
        _ => None,
    };
    html! {
        <>
            <div class="st-kinds" role="group" aria-label={lang.channel(channel)}>
                { switch(Kind::Errors) }
                { switch(Kind::Calls) }
                { for email }
            </div>
            if let Some(note) = note {
                <p class="st-note" role="status">{ note }</p>
            }
        </>
    }
}

/// The person's choice, with what it means for this device's push subscription: wanting push on a
/// device without one subscribes it first (nothing is stored for a device that cannot receive it),
/// and switching all push off unsubscribes it.
fn choose(change: &Callback<SettingsAction>, next: Preferences, subscribed: bool) {
    let wants_push = next.push.errors || next.push.calls;
    if wants_push && !subscribed {
        change.emit(SettingsAction::Push(PushRequest::Subscribe(next)));
        return;
    }
    if !wants_push && subscribed {
        change.emit(SettingsAction::Push(PushRequest::Unsubscribe));
    }
    change.emit(SettingsAction::SetPreferences(next));
}

#[derive(Properties, PartialEq)]
struct EmailTimesProps {
    prefs: Preferences,
}

/// The email's timing: at most one email per N minutes, only what is unread after N minutes, and
/// the zone the emails' dates are told in.
#[component]
fn EmailTimes(props: &EmailTimesProps) -> Html {
    let lang = use_lang();
    let change = use_change_settings();
    let prefs = &props.prefs;
    // A select of minutes: its value into one field of the preferences.
    let minutes_choice = |apply: fn(&mut Preferences, u32)| {
        let (change, prefs) = (change.clone(), prefs.clone());
        Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(0);
            let mut next = prefs.clone();
            apply(&mut next, value);
            change.emit(SettingsAction::SetPreferences(next));
        })
    };
    let option = |chosen: u32, value: u32, label: String| {
        html! { <option value={value.to_string()} selected={value == chosen}>{ label }</option> }
    };
    let (digest, unread) = (prefs.digest_minutes, prefs.email_unread_minutes);
    html! { <>
        <label class="st-check">
            { lang.preferences(PreferenceWord::AtMostOneEmail) }
            <select data-field="digest" onchange={minutes_choice(|p, minutes| p.digest_minutes = minutes)}>
                { option(digest, 0, lang.preferences(PreferenceWord::ForEachNotification).into()) }
                { for [5u32, 15, 30, 60].into_iter().map(|m| option(digest, m, lang.digest_every(m))) }
            </select>
        </label>
        <label class="st-check">
            { lang.preferences(PreferenceWord::EmailOnlyUnread) }
            <select data-field="unread" onchange={minutes_choice(|p, minutes| p.email_unread_minutes = minutes)}>
                { option(unread, 0, lang.preferences(PreferenceWord::EmailAtOnce).into()) }
                { for [5u32, 15, 60].into_iter().map(|m| option(unread, m, lang.unread_within(m))) }
            </select>
        </label>
        <ZoneLine prefs={prefs.clone()} />
    </> }
}

/// Where the emails' dates are told: the stored zone, and this device's when it differs.
#[component]
fn ZoneLine(props: &EmailTimesProps) -> Html {
    let lang = use_lang();
    let change = use_change_settings();
    let prefs = &props.prefs;
    let stored = prefs.time_zone.as_deref();
    let shown = stored.unwrap_or("UTC").to_owned();
    let elsewhere = crate::browser::time_zone().filter(|zone| stored != Some(zone.as_str()));
    let use_device = elsewhere.map(|zone| {
        let (change, prefs) = (change.clone(), prefs.clone());
        let label = lang.device_zone(&zone);
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut next = prefs.clone();
            next.time_zone = Some(zone.clone());
            change.emit(SettingsAction::SetPreferences(next));
        });
        html! { <button type="button" class="st-link" data-action="device-zone" {onclick}>{ label }</button> }
    });
    html! {
        <p class="st-desc st-zone" data-field="time-zone">
            { lang.preferences(PreferenceWord::TimesInEmails) }{ " " }<strong>{ shown }</strong>
            { for use_device }
        </p>
    }
}

/// The kind switches of a server channel in the preferences.
fn switches(preferences: &Preferences, channel: DeliveryChannel) -> &KindSwitch {
    if channel == DeliveryChannel::Email {
        &preferences.email
    } else {
        &preferences.push
    }
}

fn switches_mut(preferences: &mut Preferences, channel: DeliveryChannel) -> &mut KindSwitch {
    if channel == DeliveryChannel::Email {
        &mut preferences.email
    } else {
        &mut preferences.push
    }
}
