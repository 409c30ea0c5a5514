//! The current time, refreshed on an interval, so that "2 min ago" stays true.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Milliseconds since the epoch at this render; the component also re-renders every `every_ms`,
/// so a time shown with it is never staler than that.
#[hook]
pub fn use_clock(every_ms: u32) -> f64 {
    let tick = use_force_update();
    use_effect_with(every_ms, move |&every_ms| {
        let interval = Interval::new(every_ms, move || tick.force_update());
        move || drop(interval)
    });
    crate::browser::now_ms()
}
