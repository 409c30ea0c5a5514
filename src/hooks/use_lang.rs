//! The interface language, from the nearest `ContextProvider<Language>` (English without one).

use yew::prelude::*;

use crate::i18n::Language;

#[hook]
pub fn use_lang() -> Language {
    use_context::<Language>().unwrap_or_default()
}

/// Changes the interface language (the settings page's choice): provided by the notification root.
#[derive(Clone, PartialEq)]
pub(crate) struct SetLang(pub Callback<Language>);

/// The way to change the interface language; `None` outside a notification root.
#[hook]
pub fn use_set_lang() -> Option<SetLang> {
    use_context::<SetLang>()
}
