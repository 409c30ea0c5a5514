//! (demo) The Appearance card: the interface's language (with a server, the emails' too) and the
//! theme.

use crate::store::SettingsAction;
use yew::prelude::*;

use crate::hooks::{use_lang, use_set_lang};
use crate::i18n::Lang;
use crate::store::{use_notifications, use_notifications_dispatch, Action};
use crate::theme::{Scheme, ThemeContext};

#[derive(Properties, PartialEq)]
pub(super) struct AppearanceProps {
    pub(super) theme: ThemeContext,
}

#[component]
pub(super) fn Appearance(props: &AppearanceProps) -> Html {
    let lang = use_lang();
    let t = |en, ru| lang.pick(en, ru);
    let set_lang = use_set_lang();
    let store = use_notifications();
    let dispatch = use_notifications_dispatch();
    let (preferences, synced) = {
        let model = store.model();
        (
            model.settings.preferences.clone(),
            model.settings.server.syncs(),
        )
    };
    // The interface's language: chosen here, it is the page's and, with a server, the emails'.
    let on_language = {
        let (dispatch, preferences) = (dispatch.clone(), preferences.clone());
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
                dispatch.emit(Action::Settings(SettingsAction::SetPreferences(next)));
            }
        })
    };
    // The language the emails really use, when the server keeps another one for this person (chosen
    // on another device): said, with a way to have them in this interface's language too.
    let email_language = preferences
        .filter(|prefs| synced && prefs.language.is_some_and(|l| l != lang.preference()))
        .map(|prefs| {
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut next = prefs.clone();
                next.language = Some(lang.preference());
                dispatch.emit(Action::Settings(SettingsAction::SetPreferences(next)));
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
    let theme = props.theme.clone();
    let on_theme = Callback::from(move |event: Event| {
        let value = event
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|select| select.value());
        theme.set_scheme(Scheme::from_attribute(value.as_deref()));
    });
    html! {
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
                <select id="st-theme" class="st-choice" data-field="theme" onchange={on_theme}>
                    { for Scheme::ALL.into_iter().map(|scheme| html! {
                        <option value={scheme.attribute().unwrap_or("system")}
                                selected={scheme == props.theme.scheme}>
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
}
