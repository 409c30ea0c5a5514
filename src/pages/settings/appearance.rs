//! (demo) The Appearance card: the interface's language (with a server, the emails' too) and the
//! theme.

use yew::prelude::*;

use super::{use_change_settings, use_settings};
use crate::hooks::{use_lang, use_set_lang};
use crate::i18n::{AppearanceWord, Language, Words};
use crate::store::SettingsAction;
use crate::theme::{Scheme, ThemeContext};

#[derive(Properties, PartialEq)]
pub(super) struct AppearanceProps {
    pub(super) theme: ThemeContext,
}

#[component]
pub(super) fn Appearance(props: &AppearanceProps) -> Html {
    let lang = use_lang();
    let set_lang = use_set_lang();
    let change = use_change_settings();
    let settings = use_settings();
    let (preferences, synced) = (settings.preferences, settings.server.syncs());
    // The interface's language: chosen here, it is the page's and, with a server, the emails'.
    let on_language = {
        let (change, preferences) = (change.clone(), preferences.clone());
        Callback::from(move |event: Event| {
            let Some(chosen) = event
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|select| Language::from_tag(&select.value()))
            else {
                return;
            };
            if let Some(set_lang) = &set_lang {
                set_lang.0.emit(chosen);
            }
            // The emails' language changes with it; nothing else does (not the time zone).
            if let Some(mut next) = preferences.clone() {
                next.language = Some(chosen);
                change.emit(SettingsAction::SetPreferences(next));
            }
        })
    };
    // The language the emails really use, when the server keeps another one for this person (chosen
    // on another device): said, with a way to have them in this interface's language too.
    let email_language = preferences
        .filter(|prefs| synced && prefs.language.is_some_and(|l| l != lang))
        .map(|prefs| {
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut next = prefs.clone();
                next.language = Some(lang);
                change.emit(SettingsAction::SetPreferences(next));
            });
            html! {
                <p class="st-desc" data-field="email-language">
                    { lang.appearance(AppearanceWord::EmailsInRussianElsewhere) }{ " " }
                    <button type="button" class="st-link" data-action="email-language" {onclick}>
                        { lang.appearance(AppearanceWord::SendInEnglish) }
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
            <h2 id="st-look">{ lang.appearance(AppearanceWord::Appearance) }</h2>
            <div class="st-row">
                <div class="st-text">
                    <label class="st-label" for="st-language">{ lang.appearance(AppearanceWord::Language) }</label>
                    <p class="st-desc">{ lang.appearance(AppearanceWord::LanguageDesc) }</p>
                    { email_language }
                </div>
                <select id="st-language" class="st-choice" data-field="language" onchange={on_language}>
                    <option value="en" selected={lang == Language::En}>{ "English" }</option>
                    <option value="ru" selected={lang == Language::Ru}>{ "Русский" }</option>
                </select>
            </div>
            <div class="st-row">
                <div class="st-text">
                    <label class="st-label" for="st-theme">{ lang.appearance(AppearanceWord::Theme) }</label>
                    <p class="st-desc">{ lang.appearance(AppearanceWord::ThemeDesc) }</p>
                </div>
                <select id="st-theme" class="st-choice" data-field="theme" onchange={on_theme}>
                    { for Scheme::ALL.into_iter().map(|scheme| html! {
                        <option value={scheme.attribute().unwrap_or("system")}
                                selected={scheme == props.theme.scheme}>
                            { match scheme {
                                Scheme::System => lang.appearance(AppearanceWord::ThemeSystem),
                                Scheme::Light => lang.appearance(AppearanceWord::ThemeLight),
                                Scheme::Dark => lang.appearance(AppearanceWord::ThemeDark),
                            } }
                        </option>
                    }) }
                </select>
            </div>
        </section>
    }
}
