//! The center's settings (`/settings`): the delivery channels with a switch each, stored in this
//! browser, and where the account's server stands.

use stylist::{css, yew::use_style, StyleSource};
use web_sys::NotificationPermission;
use yew::prelude::*;

use crate::browser::notification_permission as permission;
use crate::hooks::use_lang;
use crate::i18n::{ru_plural, Lang};
use amocrm_notify_protocol::http_api::{KindSwitch, Preferences};

use crate::store::{
    use_notifications, use_notifications_dispatch, Action, Channel, DevicePush, PushRefusal,
    PushRequest, Status,
};
use crate::theme::{use_theme, Scheme};

#[component]
pub fn SettingsPage() -> Html {
    let store = use_notifications();
    let lang = use_lang();
    let t = |en, ru| lang.pick(en, ru);
    let dispatch = use_notifications_dispatch();
    let permission_now = use_state(permission);
    // The browser refused notifications when asked just now: shown, not hidden.
    let refused = use_state(|| false);

    // What waits for the server: the notifications and the changes, the count the bell gives.
    let (channels, server, waiting) = {
        let model = store.model();
        (model.channels, model.server.clone(), model.waiting())
    };
    let connection = crate::hooks::use_connection();
    let style = use_style(style());
    let theme = use_theme();
    let set_lang = crate::hooks::use_set_lang();

    let on_switch = |channel: Channel| {
        let (dispatch, permission_now, refused) =
            (dispatch.clone(), permission_now.clone(), refused.clone());
        let on = channels.is_on(channel);
        Callback::from(move |_: MouseEvent| {
            if channel != Channel::Browser || on {
                dispatch.emit(Action::SetChannel(channel, !on));
                return;
            }
            // Switching browser notifications on asks the browser first.
            let (dispatch, permission_now, refused) =
                (dispatch.clone(), permission_now.clone(), refused.clone());
            yew::platform::spawn_local(async move {
                let granted = crate::browser::request_notification_permission().await;
                permission_now.set(permission());
                refused.set(!granted);
                if granted {
                    dispatch.emit(Action::SetChannel(Channel::Browser, true));
                }
            });
        })
    };

    // With a token the server keeps the person's choices: per channel, per kind, on every device.
    let synced = server.syncs();
    let preferences = store.model().preferences.clone();
    // Whether this device has a push subscription (None: not known yet), and why it could not
    // subscribe when it could not. The push switches show this device's real state: on only
    // where the person wants push and this device receives it.
    let DevicePush {
        subscribed: device_push,
        refusal: push_note,
    } = store.model().device_push.clone();
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| dispatch.emit(Action::Push(PushRequest::Check)));
    }
    let set_preferences = {
        let dispatch = dispatch.clone();
        move |change: Box<dyn Fn(&mut Preferences)>| {
            let (dispatch, current) = (dispatch.clone(), preferences.clone());
            Callback::from(move |_: Event| {
                let Some(mut next) = current.clone() else {
                    return;
                };
                change(&mut next);
                let wants_push = next.push.errors || next.push.calls;
                let subscribed = device_push == Some(true);
                if wants_push && !subscribed {
                    // This device first: nothing is stored for a device that cannot receive it.
                    dispatch.emit(Action::Push(PushRequest::Subscribe(next)));
                    return;
                }
                if !wants_push && subscribed {
                    // All off: this device stops receiving too.
                    dispatch.emit(Action::Push(PushRequest::Unsubscribe));
                }
                dispatch.emit(Action::SetPreferences(next));
            })
        }
    };
    let kind_switches = |channel: Channel| -> Html {
        let Some(prefs) = store.model().preferences.clone() else {
            // Nothing kept in this browser yet: loading, or waiting for the server to come back.
            let wait = if connection == Status::Clear {
                t(
                    "Loading from the account's server…",
                    "Загрузка с сервера аккаунта…",
                )
            } else {
                t("Your choices show once the account's server is back: this browser has no copy yet.",
                  "Ваш выбор появится, когда сервер аккаунта вернётся: в этом браузере его копии ещё нет.")
            };
            return html! { <p class="st-desc" role="status" data-field="preferences-wait">{ wait }</p> };
        };
        // Push is on here only where this device receives it.
        let here = channel != Channel::Push || device_push == Some(true);
        let switch = |kind: &'static str, label: &'static str| {
            let mut probe = prefs.clone();
            let current = switches_of(&mut probe, channel);
            let on = here
                && if kind == "errors" {
                    current.errors
                } else {
                    current.calls
                };
            let onchange = set_preferences(Box::new(move |p: &mut Preferences| {
                let slot = switches_of(p, channel);
                if kind == "errors" {
                    slot.errors = !on
                } else {
                    slot.calls = !on
                }
            }));
            let id = format!("st-{}-{kind}", channel.name());
            html! {
                <label class="st-check" for={id.clone()}>
                    <input type="checkbox" id={id} data-kind={kind} checked={on} onchange={onchange} />
                    { label }
                </label>
            }
        };
        // Where the emails' dates are told: the stored zone, and this device's when it differs.
        let zone_line = || {
            let stored = prefs.time_zone.as_deref();
            let shown = stored.unwrap_or("UTC").to_owned();
            let elsewhere =
                crate::browser::time_zone().filter(|zone| stored != Some(zone.as_str()));
            let use_device = elsewhere.map(|zone| {
                let (dispatch, prefs) = (dispatch.clone(), prefs.clone());
                let label = match lang {
                    Lang::En => format!("Use this device's: {zone}"),
                    Lang::Ru => format!("Как на этом устройстве: {zone}"),
                };
                let onclick = Callback::from(move |_: MouseEvent| {
                    let mut next = prefs.clone();
                    next.time_zone = Some(zone.clone());
                    dispatch.emit(Action::SetPreferences(next));
                });
                html! { <button type="button" class="st-link" data-action="device-zone" {onclick}>{ label }</button> }
            });
            html! {
                <p class="st-desc st-zone" data-field="time-zone">
                    { t("Times in emails:", "Время в письмах:") }{ " " }<strong>{ shown }</strong>
                    { for use_device }
                </p>
            }
        };
        let digest = (channel == Channel::Email).then(|| {
            let minutes = prefs.digest_minutes;
            // A select of minutes: its value into one field of the preferences, with the shown language.
            let minutes_choice = |apply: fn(&mut Preferences, u32)| {
                let (dispatch, prefs) = (dispatch.clone(), prefs.clone());
                Callback::from(move |event: Event| {
                    let value = event
                        .target_dyn_into::<web_sys::HtmlSelectElement>()
                        .and_then(|s| s.value().parse().ok())
                        .unwrap_or(0);
                    let mut next = prefs.clone();
                    apply(&mut next, value);
                    dispatch.emit(Action::SetPreferences(next));
                })
            };
            let onchange = minutes_choice(|p, minutes| p.digest_minutes = minutes);
            let option = |value: u32, label: String| {
                html! {
                    <option value={value.to_string()} selected={value == minutes}>{ label }</option>
                }
            };
            let unread_minutes = prefs.email_unread_minutes;
            let option_unread = |value: u32, label: String| {
                html! {
                    <option value={value.to_string()} selected={value == unread_minutes}>{ label }</option>
                }
            };
            let on_unread = minutes_choice(|p, minutes| p.email_unread_minutes = minutes);
            html! { <>
                <label class="st-check">
                    { t("At most one email", "Не больше одного письма") }
                    <select data-field="digest" {onchange}>
                        { option(0, t("for each notification", "на каждое уведомление").into()) }
                        { for [5u32, 15, 30, 60].into_iter().map(|m| option(m, match lang {
                            Lang::En => format!("per {m} minutes"),
                            Lang::Ru => format!("в {m} минут"),
                        })) }
                    </select>
                </label>
                <label class="st-check">
                    { t("Email only what I haven't read within", "Письмом — только непрочитанное за") }
                    <select data-field="unread" onchange={on_unread}>
                        { option_unread(0, t("off: email at once", "выкл.: письмо сразу").into()) }
                        { for [5u32, 15, 60].into_iter().map(|m| option_unread(m, match lang {
                            Lang::En => format!("{m} minutes"),
                            Lang::Ru => format!("{m} {}", ru_plural(m as usize, "минуту", "минуты", "минут")),
                        })) }
                    </select>
                </label>
                { zone_line() }
            </> }
        });
        let elsewhere = channel == Channel::Push
            && device_push == Some(false)
            && (prefs.push.errors || prefs.push.calls);
        let note = match (channel, &push_note) {
            (Channel::Push, Some(refusal)) => Some(push_refusal(lang, refusal)),
            _ if elsewhere => Some(t(
                "Mobile push is on for your other devices, not this one: tick a box to receive it here too.",
                "Мобильные уведомления включены на других ваших устройствах, но не на этом: отметьте, чтобы получать их и здесь.",
            ).to_owned()),
            _ => None,
        };
        html! {
            <>
                <div class="st-kinds" role="group" aria-label={lang.channel(channel)}>
                    { switch("errors", t("Errors", "Ошибки")) }
                    { switch("calls", t("Calls", "Звонки")) }
                    { for digest }
                </div>
                if let Some(note) = note {
                    <p class="st-note" role="status">{ note }</p>
                }
            </>
        }
    };

    // The interface's language: chosen here, it is the page's and, with a server, the emails'.
    let on_language = {
        let (set_lang, dispatch, preferences) = (
            set_lang.clone(),
            dispatch.clone(),
            store.model().preferences.clone(),
        );
        Callback::from(move |event: Event| {
            let Some(chosen) = event
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|select| Lang::from_tag(&select.value()))
            else {
                return;
            };
            if let Some(set_lang) = &set_lang {
                set_lang.0.emit(chosen);
            }
            // The emails' language changes with it; nothing else does (not the time zone).
            if let Some(mut next) = preferences.clone() {
                next.language = Some(chosen.preference());
                dispatch.emit(Action::SetPreferences(next));
            }
        })
    };

    // The language the emails really use, when the server keeps another one for this person (chosen
    // on another device): said, with a way to have them in this interface's language too.
    let email_language = store
        .model()
        .preferences
        .clone()
        .filter(|prefs| synced && prefs.language.is_some_and(|l| l != lang.preference()))
        .map(|prefs| {
            let dispatch = dispatch.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut next = prefs.clone();
                next.language = Some(lang.preference());
                dispatch.emit(Action::SetPreferences(next));
            });
            html! {
                <p class="st-desc" data-field="email-language">
                    { t("Your emails are in Russian, as chosen on another device.",
                        "Ваши письма приходят на английском: так выбрано на другом устройстве.") }{ " " }
                    <button type="button" class="st-link" data-action="email-language" {onclick}>
                        { t("Send them in English", "Присылать на русском") }
                    </button>
                </p>
            }
        });
    let rows = Channel::ALL.into_iter().map(|channel| {
        if synced && channel.needs_server() {
            let description = if channel == Channel::Email {
                t("Errors and calls by email, sent by the account's server. Kept on the server: the same on every device.",
                  "Ошибки и звонки по электронной почте, через сервер аккаунта. Хранится на сервере: одинаково на всех устройствах.")
            } else {
                t("Errors and calls on the account's mobile app, sent by the account's server. Kept on the server.",
                  "Ошибки и звонки в мобильном приложении, через сервер аккаунта. Хранится на сервере.")
            };
            // Whether this device is subscribed, once the page has asked the browser: a marker
            // for tests and hosts that the switches show this device's real state.
            let device = (channel == Channel::Push).then_some(match device_push {
                None => "unknown",
                Some(true) => "subscribed",
                Some(false) => "unsubscribed",
            });
            return html! {
                <div class="st-row" data-channel={channel.name()} data-synced="true" data-device={device}>
                    <div class="st-text">
                        <div class="st-label">{ lang.channel(channel) }</div>
                        <p class="st-desc">{ description }</p>
                        { kind_switches(channel) }
                    </div>
                </div>
            };
        }
        let needs_server = channel.needs_server() && !server.delivers();
        let (disabled, description, badge, note) = match channel {
            Channel::Interface => (
                true,
                t("Pop-ups and the notification center, on every page of the account. Always on.",
                  "Всплывающие уведомления и центр уведомлений на всех страницах аккаунта. Всегда включено."),
                None,
                None,
            ),
            Channel::Browser => {
                let blocked = *permission_now == Some(NotificationPermission::Denied);
                let note = match *permission_now {
                    None => Some(t("This browser has no system notifications.", "В этом браузере нет системных уведомлений.")),
                    Some(NotificationPermission::Denied) if *refused => {
                        Some(t("The browser refused. Allow notifications for this site in the browser's site settings, then switch this on again.",
                               "Браузер отказал. Разрешите уведомления для этого сайта в настройках браузера и включите снова."))
                    }
                    Some(NotificationPermission::Denied) => {
                        Some(t("Blocked by the browser. Allow notifications for this site in the browser's site settings to switch this on.",
                               "Заблокировано браузером. Разрешите уведомления для этого сайта в настройках браузера, чтобы включить."))
                    }
                    _ if *refused => Some(t("The browser did not allow notifications; nothing was switched on.",
                                            "Браузер не разрешил уведомления; ничего не включено.")),
                    _ => None,
                };
                (
                    permission_now.is_none() || (blocked && !channels.browser),
                    t("A system notification for each error and call while this page is hidden; clicking it opens the entry.",
                      "Системное уведомление о каждой ошибке и звонке, пока страница скрыта; щелчок открывает запись."),
                    None,
                    note,
                )
            }
            Channel::Email | Channel::Push => (
                needs_server,
                if channel == Channel::Email {
                    t("Errors and calls by email, sent by the account's server.",
                      "Ошибки и звонки по электронной почте, через сервер аккаунта.")
                } else {
                    t("Errors and calls on the account's mobile app, sent by the account's server.",
                      "Ошибки и звонки в мобильном приложении, через сервер аккаунта.")
                },
                needs_server.then_some(t("needs a server", "нужен сервер")),
                None,
            ),
        };
        let checked = channels.is_on(channel) && !needs_server;
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
                        aria-checked={checked.to_string()} {disabled} onclick={on_switch(channel)} />
            </div>
        }
    });

    // With a token, the stream is the one beside the endpoint unless the page names another.
    let stream = server.stream.clone().or_else(|| {
        synced
            .then(|| server.sibling("stream"))
            .flatten()
            .and_then(|url| crate::notification::Link::parse(&url).ok())
    });
    let url_or = |link: &Option<crate::notification::Link>, none: &str| match link {
        Some(link) => html! { <code>{ link.as_str().to_owned() }</code> },
        None => html! { { none.to_owned() } },
    };
    html! {
        <div class={classes!("an-settings", style)}>
            <h1>{ lang.settings_link() }</h1>
            <p class="st-lead">{ if synced {
                t("Where notifications from widgets reach you. Email and mobile push are kept on the account's server; the rest in this browser.",
                  "Куда приходят уведомления виджетов. Почта и мобильные уведомления хранятся на сервере аккаунта, остальное — в этом браузере.")
            } else {
                t("Where notifications from widgets reach you. The switches are kept in this browser.",
                  "Куда приходят уведомления виджетов. Переключатели хранятся в этом браузере.")
            } }</p>
            // Away from the server, the page says so where the choices are, as the bell does.
            if synced && !matches!(connection, Status::Clear) {
                <p class="st-away" role="status" data-field="away" data-state={connection_state(connection)}>
                    <strong>{ lang.connection(connection, crate::notification::time::local_clock) }</strong>
                    { " " }
                    { if connection.needs_action() {
                        t("Your choices are kept in this browser until you sign in again.",
                          "Ваш выбор сохранён в этом браузере до нового входа.")
                    } else {
                        t("The account's server is out of reach: your choices are kept in this browser and sync when it is back.",
                          "Сервер аккаунта недоступен: ваш выбор сохранён в этом браузере и отправится, когда сервер вернётся.")
                    } }
                </p>
            }
            <section class="st-card" aria-labelledby="st-channels">
                <h2 id="st-channels">{ t("Delivery channels", "Каналы доставки") }</h2>
                { for rows }
            </section>
            if let Some(theme) = theme {
                <section class="st-card" aria-labelledby="st-look">
                    <h2 id="st-look">{ t("Appearance", "Оформление") }</h2>
                    <div class="st-row">
                        <div class="st-text">
                            <label class="st-label" for="st-language">{ t("Language", "Язык") }</label>
                            <p class="st-desc">{ t("Of the notification center, this site and, with the account's server, your emails.",
                                                   "Центра уведомлений, этого сайта и, с сервером аккаунта, ваших писем.") }</p>
                            { email_language }
                        </div>
                        <select id="st-language" class="st-choice" data-field="language" onchange={on_language}>
                            <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                            <option value="ru" selected={lang == Lang::Ru}>{ "Русский" }</option>
                        </select>
                    </div>
                    <div class="st-row">
                        <div class="st-text">
                            <label class="st-label" for="st-theme">{ t("Theme", "Тема") }</label>
                            <p class="st-desc">{ t("Light or dark for the notification center and this site. As the system: follows the device's setting. Kept in this browser.",
                                                   "Светлая или тёмная для центра уведомлений и этого сайта. Как в системе: следует настройке устройства. Хранится в этом браузере.") }</p>
                        </div>
                        <select id="st-theme" class="st-choice" data-field="theme" onchange={{
                            let theme = theme.clone();
                            Callback::from(move |event: Event| {
                                let value = event
                                    .target_dyn_into::<web_sys::HtmlSelectElement>()
                                    .map(|select| select.value());
                                theme.set_scheme(Scheme::from_attribute(value.as_deref()));
                            })
                        }}>
                            { for Scheme::ALL.into_iter().map(|scheme| html! {
                                <option value={scheme.attribute().unwrap_or("system")}
                                        selected={scheme == theme.scheme}>
                                    { match scheme {
                                        Scheme::System => t("As the system", "Как в системе"),
                                        Scheme::Light => t("Light", "Светлая"),
                                        Scheme::Dark => t("Dark", "Тёмная"),
                                    } }
                                </option>
                            }) }
                        </select>
                    </div>
                </section>
            }
            <section class="st-card" aria-labelledby="st-server">
                <h2 id="st-server">{ t("Account server", "Сервер аккаунта") }</h2>
                <dl>
                    <dt>{ t("Endpoint", "Адрес") }</dt>
                    <dd data-field="endpoint">{ url_or(&server.endpoint, t("Not configured: notifications stay in this browser.",
                                                                          "Не настроен: уведомления остаются в этом браузере.")) }</dd>
                    <dt>{ t("Live feed", "Поток") }</dt>
                    <dd data-field="stream">{ url_or(&stream, t("Not configured.", "Не настроен.")) }</dd>
                    <dt>{ t("Your center", "Ваш центр") }</dt>
                    <dd data-field="sync">{ if synced {
                        t("Kept on the server: the same history, read state and choices on every device you sign in on.",
                          "Хранится на сервере: одна история, прочитанное и настройки на всех ваших устройствах.")
                    } else {
                        t("Kept in this browser (the page gives no token for the server).",
                          "Хранится в этом браузере (страница не передала токен для сервера).")
                    } }</dd>
                    if server.delivers() {
                        <dt>{ t("Connection", "Соединение") }</dt>
                        <dd data-field="connection" data-state={connection_state(connection)}>{ match connection {
                            Status::Clear => t("Connected.", "Подключено.").to_owned(),
                            status => lang.connection(status, crate::notification::time::local_clock),
                        } }</dd>
                    }
                    <dt>{ t("Outbox", "Исходящие") }</dt>
                    <dd data-field="outbox">{ match (lang, waiting) {
                        (_, 0) => t("Nothing waiting.", "Ничего не ждёт отправки.").to_owned(),
                        (Lang::En, 1) => "1 change waiting for the server.".to_owned(),
                        (Lang::En, n) => format!("{n} changes waiting for the server."),
                        (Lang::Ru, n) => format!("{n} {} отправки на сервер.", ru_plural(n, "изменение ждёт", "изменения ждут", "изменений ждут")),
                    } }</dd>
                </dl>
            </section>
        </div>
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

/// Why this device could not subscribe to push, and what to do, in the person's words.
fn push_refusal(lang: Lang, refusal: &PushRefusal) -> String {
    let t = |en: &'static str, ru: &'static str| lang.pick(en, ru).to_owned();
    match refusal {
        PushRefusal::Blocked => t(
            "Notifications are blocked for this site: allow them in the browser's site settings, then tick the box again.",
            "Уведомления для этого сайта заблокированы: разрешите их в настройках сайта в браузере и отметьте снова.",
        ),
        PushRefusal::Unsupported => t(
            "This browser cannot receive push notifications: use the account's mobile app, or another browser.",
            "Этот браузер не умеет получать push-уведомления: используйте мобильное приложение аккаунта или другой браузер.",
        ),
        PushRefusal::Server(why) => match lang {
            Lang::En => format!("The account's server could not take this device's subscription ({why}): try again later."),
            Lang::Ru => format!("Сервер аккаунта не принял подписку этого устройства ({why}): попробуйте позже."),
        },
        PushRefusal::Device(why) => match lang {
            Lang::En => format!("This device could not subscribe ({why}): try again, or allow notifications in the browser's site settings."),
            Lang::Ru => format!("Это устройство не удалось подписать ({why}): попробуйте снова или разрешите уведомления в настройках сайта."),
        },
    }
}

/// The kind switches of a server channel in the preferences.
fn switches_of(preferences: &mut Preferences, channel: Channel) -> &mut KindSwitch {
    if channel == Channel::Email {
        &mut preferences.email
    } else {
        &mut preferences.push
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
