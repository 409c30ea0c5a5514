//! The current time, refreshed on an interval, so that "2 min ago" stays true.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Milliseconds since the epoch, re-rendering the component every `every_ms`.
#[hook]
pub fn use_clock(every_ms: u32) -> f64 {
    let now = use_state(js_sys::Date::now);
    {
        let now = now.setter();
        use_effect_with(every_ms, move |&every_ms| {
            let interval = Interval::new(every_ms, move || now.set(js_sys::Date::now()));
            move || drop(interval)
        });
    }
    *now
}
