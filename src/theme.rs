//! The colour scheme the person chose, behind a context (stylist's `yew-theme-context` pattern):
//! [`ThemeProvider`] holds it, [`use_theme`] reads and changes it.
//!
//! The colours themselves stay in the `--an-*` custom properties (`styles/tokens.css`), so a host
//! restyles without recompiling and every component's style is static. The theme picks which of
//! their light and dark values apply: it is the page's `data-theme`, which the tokens already
//! follow. "System" leaves the page as it was (a host or the page may set `data-theme` itself).

use std::ops::Deref;

use yew::html::ChildrenProps;
use yew::prelude::*;

/// Light, dark, or whatever the system and the page say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Scheme {
    #[default]
    System,
    Light,
    Dark,
}

// Choosing a scheme is the demo site's settings page's; the embed follows its host.
#[cfg(feature = "demo")]
impl Scheme {
    pub(crate) const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The value of `data-theme` (and of the stored choice); `None` for the system's.
    pub(crate) fn attribute(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }
}

impl Scheme {
    pub(crate) fn from_attribute(value: Option<&str>) -> Self {
        match value {
            Some("light") => Self::Light,
            Some("dark") => Self::Dark,
            _ => Self::System,
        }
    }
}

/// The theme in effect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Theme {
    pub scheme: Scheme,
}

/// What [`use_theme`] gives: the theme, and a way to change it.
#[derive(Clone, PartialEq)]
pub(crate) struct ThemeContext {
    inner: UseStateHandle<Theme>,
}

impl ThemeContext {
    /// Applies a scheme to the page and remembers it for the next visit. The embed never calls it:
    /// there the host's page decides.
    #[cfg(feature = "demo")]
    pub(crate) fn set_scheme(&self, scheme: Scheme) {
        crate::browser::set_page_theme(scheme.attribute());
        self.inner.set(Theme { scheme });
    }
}

impl Deref for ThemeContext {
    type Target = Theme;

    fn deref(&self) -> &Theme {
        &self.inner
    }
}

/// Provides the theme: the page's `data-theme` at start-up (the demo's first paint applies the
/// stored choice to it, in `index.html`).
#[component]
pub fn ThemeProvider(props: &ChildrenProps) -> Html {
    let inner = use_state(|| Theme {
        scheme: Scheme::from_attribute(crate::browser::page_theme().as_deref()),
    });
    html! {
        <ContextProvider<ThemeContext> context={ThemeContext { inner }}>
            { props.children.clone() }
        </ContextProvider<ThemeContext>>
    }
}

/// The theme, from the nearest [`ThemeProvider`]; the system's when there is none.
#[hook]
pub fn use_theme() -> Option<ThemeContext> {
    use_context::<ThemeContext>()
}
