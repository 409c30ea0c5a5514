//! Whether the browser has painted since the component mounted: for parts that should wait until
//! what matters first (a widget's first pop-up) is on screen.

use yew::prelude::*;

/// `false` on the first render; `true` once the browser has painted the next frame (then the
/// component renders again).
#[hook]
pub fn use_painted() -> bool {
    let painted = use_state(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| {
            crate::browser::after_next_paint(move || painted.set(true))
        });
    }
    *painted
}
