//! The interface language, from the nearest `ContextProvider<Lang>` (English without one).

use yew::prelude::*;

use crate::i18n::Lang;

#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Changes the interface language (the settings page's choice): provided by the notification root.
#[derive(Clone, PartialEq)]
pub(crate) struct SetLang(pub Callback<Lang>);

/// The way to change the interface language; `None` outside a notification root.
#[hook]
pub fn use_set_lang() -> Option<SetLang> {
    use_context::<SetLang>()
}
