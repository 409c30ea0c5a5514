//! The notification as JavaScript sees it: what `done` and a widget's notification callback receive.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::set;
use crate::notification::Notification;

/// The notification as `done` receives it.
pub(super) fn to_js(n: &Notification) -> JsValue {
    let out = Object::new();
    set(&out, "id", &n.id.as_str().into());
    set(&out, "method", &n.method.name().into());
    set(&out, "type", &n.kind.name().into());
    set(&out, "header", &n.header.source().into());
    set(&out, "text", &n.text.source().into());
    set(
        &out,
        "date",
        &JsValue::from_f64((n.date_ms / 1000.0).floor()),
    );
    set(&out, "is_read", &JsValue::FALSE);
    set(&out, "stored", &JsValue::from_bool(n.method.is_stored()));
    if let Some(code) = &n.widget_code {
        set(&out, "widget_code", &code.as_str().into());
    }
    let optional_link = |key: &str, link: Option<&crate::notification::Link>| {
        if let Some(link) = link {
            set(&out, key, &link.as_str().into());
        }
    };
    optional_link("icon", n.icon.as_ref());
    optional_link("link", n.link.as_ref());
    if let Some(timeout) = n.timeout_ms {
        set(&out, "timeout", &JsValue::from_f64(f64::from(timeout)));
    }
    if let Some(call) = &n.call {
        if let Some(from) = &call.from {
            set(&out, "from", &from.as_str().into());
        }
        if let Some(to) = &call.to {
            set(&out, "to", &to.as_str().into());
        }
        if let Some(entity) = &call.entity {
            let element = Object::new();
            set(&element, "id", &JsValue::from_f64(entity.id as f64));
            set(&element, "type", &entity.kind.name().into());
            // What the widget gave: the label shown without one ("#18221265") is the screen's own.
            if let Some(name) = &entity.name {
                set(&element, "name", &name.as_str().into());
            }
            set(&out, "element", &element);
        }
        if let Some(duration) = call.duration_secs {
            set(&out, "duration", &JsValue::from_f64(f64::from(duration)));
        }
        optional_link("link", call.recording.as_ref());
        optional_link("click_link", call.click_link.as_ref());
    }
    out.into()
}
