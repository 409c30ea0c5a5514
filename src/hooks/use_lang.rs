//! The interface language, from the nearest `ContextProvider<Lang>` (English without one).

use yew::prelude::*;

use crate::i18n::Lang;

#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
