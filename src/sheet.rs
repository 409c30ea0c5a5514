//! The components' style sheets. A component's rules live in a `.css` file beside it, nested under
//! one class named for the component (`.an-popup { … }`); `build.rs` copies each file without its
//! comments. A sheet goes into the page once, when its component first renders: into the
//! document's `<head>`, or into the shadow root when the UI is embedded ([`crate::host`]).
//!
//! Plain sheets, not CSS built at run time: every rule is static (theme values are the `--an-*`
//! custom properties a host overrides), and stylist's compiled style trees and runtime were
//! 15 KB of the embed's gzipped download. The nesting is the browser's own (CSS nesting, in every
//! browser that has the `light-dark()` the tokens already need); `@keyframes` stay at the top level.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::host;

/// One component's style sheet; [`sheet!`] makes one from a file beside the component.
pub(crate) struct Sheet {
    name: &'static str,
    css: &'static str,
    /// In the page already. (An atomic only because statics must be `Sync`; wasm has one thread.)
    attached: AtomicBool,
}

/// `sheet!("components/popup.css")`: the sheet `src/components/popup.css`, as `build.rs` wrote it.
macro_rules! sheet {
    ($path:literal) => {
        $crate::sheet::Sheet::new($path, include_str!(concat!(env!("OUT_DIR"), "/", $path)))
    };
}
pub(crate) use sheet;

impl Sheet {
    pub(crate) const fn new(name: &'static str, css: &'static str) -> Self {
        Self {
            name,
            css,
            attached: AtomicBool::new(false),
        }
    }

    /// Puts the sheet into the page, unless it is there already. Components call it as they
    /// render; after the first time it only reads a flag.
    pub(crate) fn attach(&self) {
        if self.attached.load(Ordering::Relaxed) {
            return;
        }
        let Some(container) = host::style_container() else {
            return;
        };
        let Ok(style) = gloo_utils::document().create_element("style") else {
            return;
        };
        let _ = style.set_attribute("data-sheet", self.name);
        style.set_text_content(Some(self.css));
        if container.append_child(&style).is_ok() {
            self.attached.store(true, Ordering::Relaxed);
        }
    }
}
