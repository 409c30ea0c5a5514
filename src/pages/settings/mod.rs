//! The center's settings (`/settings`): the delivery channels (switches kept in this browser; with
//! a token, the person's preferences kept on the account's server), the appearance, and where the
//! account's server stands. One component per card or row, each in its own file; the page's style,
//! which they share, is here.

mod appearance;
mod local;
mod server;
mod synced;

use stylist::{css, yew::use_style, StyleSource};
use yew::prelude::*;

use crate::hooks::{use_connection, use_lang};
use crate::i18n::{ChannelWord, Label, Language, Words};
use crate::store::{
    use_notifications, use_notifications_dispatch, Action, DeliveryChannel, PushRequest, Settings,
    SettingsAction, Status,
};
use crate::theme::use_theme;

/// A delivery channel's row.
#[derive(Properties, PartialEq)]
struct ChannelProps {
    channel: DeliveryChannel,
}

/// The settings as they are now: what each card reads.
#[hook]
fn use_settings() -> Settings {
    use_notifications().model().settings.clone()
}

/// What each card changes them with.
#[hook]
fn use_change_settings() -> Callback<SettingsAction> {
    use_notifications_dispatch().reform(Action::Settings)
}

#[component]
pub fn SettingsPage() -> Html {
    let lang = use_lang();
    let change = use_change_settings();
    let connection = use_connection();
    let style = use_style(style());
    let theme = use_theme();
    // With a token the server keeps the person's choices: per channel, per kind, on every device.
    let synced = use_settings().server.syncs();
    // Whether this device has a push subscription: asked once, for the push row.
    use_effect_with((), move |_| {
        change.emit(SettingsAction::Push(PushRequest::Check))
    });
    let rows = DeliveryChannel::ALL.into_iter().map(|channel| {
        if synced && channel.needs_server() {
            html! { <synced::SyncedChannel key={channel.name()} {channel} /> }
        } else {
            html! { <local::LocalChannel key={channel.name()} {channel} /> }
        }
    });
    html! {
        <div class={classes!("an-settings", style)}>
            <h1>{ lang.label(Label::NotificationSettings) }</h1>
            <p class="st-lead">{ if synced {
                lang.channels(ChannelWord::ChannelsDescSynced)
            } else {
                lang.channels(ChannelWord::ChannelsDescLocal)
            } }</p>
            // Away from the server, the page says so where the choices are, as the bell does.
            if synced && connection != Status::Clear {
                <p class="st-away" role="status" data-field="away" data-state={connection_state(connection)}>
                    <strong>{ lang.connection(connection, crate::notification::time::local_clock) }</strong>
                    { " " }
                    { if connection.needs_action() {
                        lang.channels(ChannelWord::AwaySignedOut)
                    } else {
                        lang.channels(ChannelWord::AwayUnreachable)
                    } }
                </p>
            }
            <section class="st-card" aria-labelledby="st-channels">
                <h2 id="st-channels">{ lang.channels(ChannelWord::DeliveryChannels) }</h2>
                { for rows }
            </section>
            if let Some(theme) = theme {
                <appearance::Appearance {theme} />
            }
            <server::ServerCard />
        </div>
    }
}

/// A kind of notification a server channel carries: a checkbox each.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Errors,
    Calls,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Errors => "errors",
            Kind::Calls => "calls",
        }
    }

    fn label(self, lang: Language) -> &'static str {
        match self {
            Kind::Errors => lang.channels(ChannelWord::Errors),
            Kind::Calls => lang.channels(ChannelWord::Calls),
        }
    }

    fn of(self, switches: &amocrm_notify_protocol::http_api::KindSwitch) -> bool {
        match self {
            Kind::Errors => switches.errors,
            Kind::Calls => switches.calls,
        }
    }

    fn set(self, switches: &mut amocrm_notify_protocol::http_api::KindSwitch, on: bool) {
        match self {
            Kind::Errors => switches.errors = on,
            Kind::Calls => switches.calls = on,
        }
    }
}

/// The connection's state as a word for hosts and tests (`data-state`), as the bell's mark has it.
fn connection_state(status: Status) -> &'static str {
    match status {
        Status::Clear => "clear",
        Status::Offline { .. } => "offline",
        Status::Reconnecting { .. } => "reconnecting",
        Status::Saved { .. } => "saved",
        Status::SignedOut { .. } => "signed-out",
    }
}

/// (demo) The settings page: the delivery channels and the account's server. Scoped by stylist to
/// the component's root, which keeps its `an-settings` class for hosts' style sheets and the tests.
fn style() -> StyleSource {
    css!(
        r#"
        max-width: 760px;
        h1 { margin: 0 0 6px; font-size: 24px; }
        .st-lead { margin: 0 0 24px; color: var(--an-text-muted); }
        .st-card {
            background: var(--an-surface); border: 1px solid var(--an-border); border-radius: var(--an-radius);
            margin-bottom: 20px; overflow: hidden;
        }
        .st-card h2 { margin: 0; padding: 16px 20px; font-size: 15px; border-bottom: 1px solid var(--an-border); }
        .st-row { display: flex; align-items: center; gap: 16px; padding: 16px 20px; }
        .st-row + .st-row { border-top: 1px solid var(--an-border); }
        .st-text { flex: 1; min-width: 0; }
        .st-label { font-weight: 600; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
        .st-desc { margin: 2px 0 0; color: var(--an-text-muted); font-size: 13px; line-height: 1.45; }
        .st-badge {
            font-size: 11px; font-weight: 700; padding: 2px 8px; border-radius: 999px;
            background: var(--an-surface-muted); color: var(--an-text-muted); border: 1px solid var(--an-border);
        }
        .st-away {
            margin: 0 0 16px; padding: 10px 14px; border-radius: 10px; font-size: 14px; line-height: 1.45;
            border: 1px solid color-mix(in srgb, light-dark(#b45309, #d97706) 45%, transparent);
            background: color-mix(in srgb, light-dark(#b45309, #d97706) 10%, var(--an-surface)); color: var(--an-text);
        }
        .st-away strong { display: block; }
        .st-away[data-state="signed-out"] {
            border-color: color-mix(in srgb, var(--an-accent) 45%, transparent);
            background: color-mix(in srgb, var(--an-accent) 8%, var(--an-surface));
        }
        .st-note { margin: 6px 0 0; font-size: 13px; color: var(--an-error-text); font-weight: 500; }
        .st-switch {
            position: relative; flex: none; width: 44px; height: 26px; border-radius: 13px; border: 0; padding: 0;
            background: color-mix(in srgb, var(--an-text-muted) 45%, transparent); cursor: pointer;
            transition: background 120ms;
        }
        .st-switch::after {
            content: ""; position: absolute; top: 3px; left: 3px; width: 20px; height: 20px; border-radius: 50%;
            background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.3); transition: transform 120ms;
        }
        .st-switch[aria-checked="true"] { background: var(--an-accent); }
        .st-switch[aria-checked="true"]::after { transform: translateX(18px); }
        .st-switch:disabled { cursor: not-allowed; opacity: .55; }
        .st-switch:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 2px; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; margin: 0; padding: 16px 20px; }
        dt { color: var(--an-text-muted); }
        dd { margin: 0; overflow-wrap: anywhere; }
        code { font-size: 12px; background: var(--an-surface-muted); padding: 1px 5px; border-radius: 4px; }
        .st-kinds { display: flex; flex-wrap: wrap; gap: 8px 20px; margin-top: 10px; }
        .st-check { display: inline-flex; align-items: center; gap: 8px; font-size: 14px; }
        .st-check input { width: 18px; height: 18px; accent-color: var(--an-accent); margin: 0; }
        .st-check select, .st-row select {
            font: inherit; padding: 4px 8px; border-radius: 6px; border: 1px solid var(--an-border);
            background: var(--an-surface); color: var(--an-text);
        }
        .st-choice { flex: none; min-width: 150px; }
        .st-zone { flex-basis: 100%; }
        .st-zone strong { color: var(--an-text); font-weight: 600; margin-right: 12px; }
        .st-link {
            font: inherit; padding: 0; border: 0; background: none; color: var(--an-accent);
            cursor: pointer; text-decoration: underline; text-underline-offset: 2px;
        }
        .st-link:focus-visible { outline: 2px solid var(--an-accent); outline-offset: 2px; }
        "#
    )
}
