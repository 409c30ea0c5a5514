//! A notification's icon: the widget's image when it loads, else the default for its kind (the
//! robot of the reference for information, an alert or a phone otherwise).

use yew::prelude::*;

use super::icons;
use crate::notification::{Kind, Link};

/// The reference's "default icon of robot".
pub const ROBOT_ICON: &str = "/assets/robot.svg";

#[derive(Properties, PartialEq)]
pub struct NotificationIconProps {
    pub kind: Kind,
    #[prop_or_default]
    pub src: Option<Link>,
    /// Pixel size of the drawn icons (the image fills its box).
    pub size: u32,
}

#[component]
pub fn NotificationIcon(props: &NotificationIconProps) -> Html {
    let failed = use_state(|| false);
    {
        let failed = failed.clone();
        use_effect_with(props.src.clone(), move |_| failed.set(false));
    }
    match (&props.src, *failed, props.kind) {
        (Some(src), false, _) => {
            let onerror = {
                let failed = failed.clone();
                Callback::from(move |_: Event| failed.set(true))
            };
            html! { <img src={src.as_str().to_owned()} alt="" {onerror} /> }
        }
        (_, _, Kind::Info | Kind::Success) => html! { <img src={ROBOT_ICON} alt="" /> },
        (_, _, kind) => icons::for_kind(kind, props.size),
    }
}
