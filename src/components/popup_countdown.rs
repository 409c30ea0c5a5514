//! A pop-up's countdown: it closes the pop-up when its time is up, and holds while anything keeps
//! the person reading (the pointer, focus, a hidden tab, the expanded stack, "Show all").

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::notification::NotificationId;
use crate::store::Popup;

/// The countdown of `popup`: started on mount and on every repeat, stopped on unmount; it calls
/// `ondismiss` when the time is up. `held`: shown in the expanded stack.
#[hook]
pub(super) fn use_countdown(
    popup: &Popup,
    held: bool,
    ondismiss: Callback<NotificationId>,
) -> Rc<RefCell<Countdown>> {
    let countdown = use_mut_ref(Countdown::default);
    {
        let countdown = countdown.clone();
        let id = popup.notification.id.clone();
        let timeout = popup.notification.timeout_ms;
        use_effect_with(popup.count, move |_| {
            if let Some(ms) = timeout {
                let on_end = Callback::from(move |()| ondismiss.emit(id.clone()));
                Countdown::restart(&countdown, f64::from(ms), on_end);
            }
            move || countdown.borrow_mut().stop()
        });
    }
    {
        // In the expanded stack the person is reading through them all: nothing closes meanwhile.
        let countdown = countdown.clone();
        use_effect_with(held, move |&held| {
            Countdown::hold(&countdown, Hold::Expanded, held);
        });
    }
    {
        // Shown whole ("Show all"): it is being read.
        let countdown = countdown.clone();
        use_effect_with(popup.whole, move |&whole| {
            Countdown::hold(&countdown, Hold::Reading, whole)
        });
    }
    {
        // A pop-up nobody can see is not read: hold the countdown while the tab is hidden.
        let countdown = countdown.clone();
        use_effect_with((), move |_| {
            let document = gloo_utils::document();
            Countdown::hold(&countdown, Hold::Hidden, document.hidden());
            let listener =
                gloo_events::EventListener::new(&document.clone(), "visibilitychange", move |_| {
                    Countdown::hold(&countdown, Hold::Hidden, document.hidden());
                });
            move || drop(listener)
        });
    }
    countdown
}

/// A callback that holds (`on`) or releases `countdown` for `hold`.
pub(super) fn hold<E: 'static>(
    countdown: &Rc<RefCell<Countdown>>,
    hold: Hold,
    on: bool,
) -> Callback<E> {
    let countdown = countdown.clone();
    Callback::from(move |_: E| Countdown::hold(&countdown, hold, on))
}

#[derive(Clone, Copy)]
pub(super) enum Hold {
    Hover,
    Focus,
    Hidden,
    Expanded,
    Reading,
}

/// The time left before a pop-up closes itself, paused while anything holds it.
#[derive(Default)]
pub(super) struct Countdown {
    remaining_ms: f64,
    started_at: f64,
    timer: Option<Timeout>,
    on_end: Option<Callback<()>>,
    hovered: bool,
    focused: bool,
    hidden: bool,
    expanded: bool,
    reading: bool,
}

impl Countdown {
    fn restart(this: &Rc<RefCell<Self>>, total_ms: f64, on_end: Callback<()>) {
        let mut countdown = this.borrow_mut();
        countdown.stop();
        countdown.remaining_ms = total_ms;
        countdown.on_end = Some(on_end);
        drop(countdown);
        Self::resume(this, 0.0);
    }

    fn hold(this: &Rc<RefCell<Self>>, hold: Hold, on: bool) {
        let mut countdown = this.borrow_mut();
        match hold {
            Hold::Hover => countdown.hovered = on,
            Hold::Focus => countdown.focused = on,
            Hold::Hidden => countdown.hidden = on,
            Hold::Expanded => countdown.expanded = on,
            Hold::Reading => countdown.reading = on,
        }
        let held = countdown.is_held();
        if held && countdown.timer.is_some() {
            countdown.stop();
            let elapsed = crate::browser::now_ms() - countdown.started_at;
            countdown.remaining_ms = (countdown.remaining_ms - elapsed).max(0.0);
        } else if !held && countdown.timer.is_none() {
            drop(countdown);
            // A pop-up released just before its end stays long enough to read.
            Self::resume(this, 1_000.0);
        }
    }

    fn resume(this: &Rc<RefCell<Self>>, at_least_ms: f64) {
        let mut countdown = this.borrow_mut();
        let Some(on_end) = countdown.on_end.clone() else {
            return;
        };
        if countdown.is_held() {
            return;
        }
        countdown.started_at = crate::browser::now_ms();
        let ms = countdown.remaining_ms.max(at_least_ms) as u32;
        countdown.timer = Some(Timeout::new(ms, move || on_end.emit(())));
    }

    fn is_held(&self) -> bool {
        self.hovered || self.focused || self.hidden || self.expanded || self.reading
    }

    fn stop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.cancel();
        }
    }
}
