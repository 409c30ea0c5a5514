//! Payload parsing and validation for the five methods: the rules of the reference as corrected by
//! the field notes. Pure Rust: a `JsInput` in, a `Notification` (or the first problem) out.

use super::date::{self, DateOutcome};
use super::error::{ApiError, Level, Notice};
use super::value::{js_number_to_string, parse_number, JsInput};
// The longest call we believe (a week): anything above is a unit mistake, left out rather than shown.
use crate::notification::{
    CallInfo, Entity, EntityKind, Kind, Link, Markup, Method, Notification, NotificationId,
    DEFAULT_TIMEOUT_MS,
};
use amocrm_notify_protocol::record::MAX_DURATION_SECS;

/// A valid call: the notification, short of its id, and what to tell the developer about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    notification: Notification,
    pub notices: Vec<Notice>,
}

impl Parsed {
    pub fn into_notification(self, id: NotificationId) -> Notification {
        Notification {
            id,
            ..self.notification
        }
    }
}

/// Validates `params` for `method`; `now_ms` stands in for a missing or unusable `date`.
///
/// The rule: a notice that has something to show is shown. Where a call differs from the
/// reference in a way real widgets do (a missing header, the flat `show_notification` shape, a
/// string for the parameters, an unusable `element`), it is read the way the widget meant and gets
/// one warning naming the field. A call is refused only when it has nothing to show (no text and
/// no header) or a value cannot be read.
pub fn parse(method: Method, params: &JsInput, now_ms: f64) -> Result<Parsed, ApiError> {
    let mut fields = Fields {
        method,
        notices: Vec::new(),
    };
    let string_params;
    let params = match params {
        JsInput::Object(_) => params,
        // `show_message("Saved")`: the string is the text.
        JsInput::String(text) if !text.trim().is_empty() => {
            fields.notice_params(
                "expects an object of parameters, got a string; it is shown as the text",
            );
            string_params = JsInput::Object(vec![("text", JsInput::String(text.clone()))]);
            &string_params
        }
        _ => {
            return Err(ApiError::params(
                method,
                format!("expects an object of parameters, got {}", params.describe()),
            ))
        }
    };
    let (header, text) = fields.header_and_text(params)?;
    let header = match params.get("without_header") {
        JsInput::Bool(true) => None,
        _ => header,
    };
    let kind = fields.kind(params.get("type"))?;
    let call = match method {
        Method::AddCall => Some(CallInfo {
            from: fields.text("from", params.get("from"), Presence::Optional)?,
            to: fields.text("to", params.get("to"), Presence::Optional)?,
            entity: fields.entity(params.get("element"))?,
            duration_secs: fields.duration(params.get("duration")),
            recording: fields.link("link", params.get("link")),
            click_link: fields.link("click_link", params.get("click_link")),
        }),
        _ => None,
    };
    let link = match method {
        Method::AddCall => None,
        _ => fields.link("link", params.get("link")),
    };
    let button = fields.button(params.get("button_text"), link.is_some());
    let notification = Notification {
        id: NotificationId::new(""),
        method,
        kind,
        header: header.as_deref().map(Markup::parse).unwrap_or_default(),
        text: Markup::parse(text.as_deref().unwrap_or_default()),
        date_ms: fields.date(params.get("date"), now_ms),
        icon: fields.link("icon", params.get("icon")),
        link,
        timeout_ms: fields.timeout(params.get("timeout"), kind),
        call,
        button,
        widget_code: fields.widget_code(params.get("widget_code")),
    };
    Ok(Parsed {
        notification,
        notices: fields.notices,
    })
}

/// The warning for a key the API does not read: `unknown key "hedaer" (did you mean "header"?)`.
pub fn unknown_key(method: Method, key: &str) -> Notice {
    let suggestion = super::value::payload_keys()
        .map(|known| (edit_distance(&key.to_ascii_lowercase(), known), known))
        .filter(|&(distance, _)| distance <= 2)
        .min();
    let hint = match suggestion {
        Some((_, known)) => format!(" (did you mean \"{known}\"?)"),
        None => String::new(),
    };
    Notice {
        level: Level::Warn,
        message: format!(
            "AMOCRM.notifications.{}: unknown key \"{key}\"{hint}; it is ignored",
            method.name()
        ),
    }
}

/// Levenshtein distance, by characters (keys are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Drops NUL and the other control characters (C0, DEL, C1) but tab and line breaks: they render as
/// nothing or as boxes, and can hide what a text says. Costs one scan when there are none.
fn without_control_characters(text: String) -> String {
    let unwanted = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.contains(unwanted) {
        text.chars().filter(|&c| !unwanted(c)).collect()
    } else {
        text
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// May be missing.
    Optional,
    /// Must be given and hold more than white space.
    NonBlank,
}

struct Fields {
    method: Method,
    notices: Vec<Notice>,
}

impl Fields {
    fn error(&self, field: &str, problem: impl Into<String>) -> ApiError {
        ApiError::field(self.method, field, problem)
    }

    /// A warning about the parameters as a whole.
    fn notice_params(&mut self, problem: &str) {
        let message = format!("AMOCRM.notifications.{}: {problem}", self.method.name());
        self.notices.push(Notice {
            level: Level::Warn,
            message,
        });
    }

    /// The header and the text, wherever the widget put them: the reference's shape for the
    /// method, or `text` as an object `{ header, text }` to any method, or the flat
    /// `{ header, text }` to `show_notification`. At least one of them has something to show.
    fn header_and_text(
        &mut self,
        params: &JsInput,
    ) -> Result<(Option<String>, Option<String>), ApiError> {
        let nested = matches!(
            self.readable("text", params.get("text"))?,
            JsInput::Object(_)
        );
        let (header_field, text_field, header, text) = match (self.method, nested) {
            (Method::ShowNotification, true) => {
                let text = params.get("text");
                (
                    "text.header",
                    "text.text",
                    text.get("header"),
                    text.get("text"),
                )
            }
            (Method::ShowNotification, false) => {
                self.notice(
                    Level::Warn,
                    "text",
                    "should be an object { header, text }; the flat { header, text } was read instead",
                );
                ("header", "text", params.get("header"), params.get("text"))
            }
            (_, true) => {
                self.notice(
                    Level::Warn,
                    "text",
                    "is an object; its \"header\" and \"text\" were read",
                );
                let text = params.get("text");
                let header = match params.get("header") {
                    JsInput::Undefined | JsInput::Null => text.get("header"),
                    given => given,
                };
                ("header", "text.text", header, text.get("text"))
            }
            (_, false) => ("header", "text", params.get("header"), params.get("text")),
        };
        let header = match self.text(header_field, header, Presence::Optional) {
            Ok(header) => header,
            Err(error) if matches!(header, JsInput::Unreadable(_)) => return Err(error),
            Err(error) => {
                self.notice(
                    Level::Warn,
                    header_field,
                    format_args!("{}; it was left out", error.problem),
                );
                None
            }
        };
        let has_header = header.as_deref().is_some_and(|h| !h.trim().is_empty());
        let text = match self.text(text_field, text, Presence::NonBlank) {
            Ok(text) => text,
            Err(error) if !has_header || matches!(text, JsInput::Unreadable(_)) => {
                return Err(error)
            }
            Err(error) => {
                self.notice(
                    Level::Warn,
                    text_field,
                    format_args!("{}; the header shows alone", error.problem),
                );
                None
            }
        };
        let reference_requires_header = matches!(
            self.method,
            Method::ShowMessage | Method::ShowMessageError | Method::ShowNotification
        );
        if header.is_none() && reference_requires_header {
            self.notice(
                Level::Warn,
                header_field,
                "is missing; shown without a header",
            );
        }
        Ok((header, text))
    }

    /// `button_text` with a `link`: a button on the pop-up that follows the link.
    fn button(&mut self, value: &JsInput, has_link: bool) -> Option<String> {
        let text = self
            .text("button_text", value, Presence::Optional)
            .unwrap_or_else(|error| {
                self.notice(
                    Level::Warn,
                    "button_text",
                    format_args!("{}; it was left out", error.problem),
                );
                None
            })
            .filter(|t| !t.trim().is_empty());
        if text.is_some() && !has_link {
            self.notice(
                Level::Warn,
                "button_text",
                "has no \"link\" to follow; it was left out",
            );
            return None;
        }
        text
    }

    /// The widget whose `AMOCRM.addNotificationCallback` runs when the notification is opened.
    fn widget_code(&mut self, value: &JsInput) -> Option<String> {
        match value {
            JsInput::Undefined | JsInput::Null => None,
            JsInput::String(code) if amocrm_notify_protocol::record::is_widget_code(code) => {
                Some(code.clone())
            }
            other => {
                self.notice(
                    Level::Warn,
                    "widget_code",
                    format_args!(
                        "must be a widget code (letters, digits, \"_\" and \"-\", at most 64), got {}; it was left out",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    fn notice(&mut self, level: Level, field: &str, problem: impl std::fmt::Display) {
        let message = format!(
            "AMOCRM.notifications.{}: \"{field}\" {problem}",
            self.method.name()
        );
        self.notices.push(Notice { level, message });
    }

    fn text(
        &self,
        field: &str,
        value: &JsInput,
        presence: Presence,
    ) -> Result<Option<String>, ApiError> {
        let text = match value {
            JsInput::Undefined | JsInput::Null if presence == Presence::Optional => {
                return Ok(None)
            }
            JsInput::Undefined | JsInput::Null => return Err(self.error(field, "is required")),
            JsInput::String(s) => s.clone(),
            JsInput::Number(n) if n.is_finite() => js_number_to_string(*n),
            JsInput::Number(n) => {
                return Err(self.error(
                    field,
                    format!(
                        "must be a string or a finite number, got {}",
                        js_number_to_string(*n)
                    ),
                ))
            }
            JsInput::Unreadable(why) => {
                return Err(self.error(field, format!("could not be read: {why}")))
            }
            other => {
                return Err(self.error(
                    field,
                    format!("must be a string or a number, got {}", other.describe()),
                ))
            }
        };
        let text = without_control_characters(text);
        if presence == Presence::NonBlank && text.trim().is_empty() {
            return Err(self.error(field, "must not be empty"));
        }
        Ok(Some(text))
    }

    fn kind(&mut self, value: &JsInput) -> Result<Kind, ApiError> {
        let given = match self.readable("type", value)? {
            JsInput::String(s) => Some(s.as_str()),
            JsInput::Undefined | JsInput::Null => None,
            other if self.method == Method::ShowNotification => {
                self.notice(
                    Level::Warn,
                    "type",
                    format_args!(
                        "must be \"call\" or \"error\", got {}; shown as information",
                        other.describe()
                    ),
                );
                return Ok(Kind::Info);
            }
            _ => None,
        };
        Ok(match (self.method, given) {
            (Method::ShowNotification, Some("call")) => Kind::Call,
            (Method::ShowNotification, Some("error")) => Kind::Error,
            (Method::ShowNotification, Some(other)) => {
                self.notice(
                    Level::Warn,
                    "type",
                    format_args!(
                        "must be \"call\" or \"error\", got \"{other}\"; shown as information"
                    ),
                );
                Kind::Info
            }
            (Method::ShowNotification, None) => {
                self.notice(
                    Level::Warn,
                    "type",
                    "is missing (\"call\" or \"error\"); shown as information",
                );
                Kind::Info
            }
            (Method::ShowMessage, Some("success")) => Kind::Success,
            (Method::ShowMessage, Some("error")) => Kind::Error,
            (Method::ShowMessage, Some(other)) if other != "info" => {
                self.notice(Level::Warn, "type", format_args!("\"{other}\" is not one of \"info\", \"success\", \"error\"; showing it as information"));
                Kind::Info
            }
            (Method::ShowMessage, _) => Kind::Info,
            (Method::ShowMessageError | Method::AddError, _) => Kind::Error,
            (Method::AddCall, _) => Kind::Call,
        })
    }

    fn link(&mut self, field: &str, value: &JsInput) -> Option<Link> {
        match value {
            JsInput::Undefined | JsInput::Null => None,
            JsInput::String(s) if s.trim().is_empty() => None,
            JsInput::Unreadable(why) => {
                self.notice(
                    Level::Error,
                    field,
                    format_args!("could not be read: {why}; it was left out"),
                );
                None
            }
            JsInput::String(s) => match Link::parse(s) {
                Ok(link) => Some(link),
                Err(why) => {
                    self.notice(Level::Error, field, format_args!("{why}; it was left out"));
                    None
                }
            },
            other => {
                self.notice(
                    Level::Error,
                    field,
                    format_args!(
                        "must be a URL string, got {}; it was left out",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    fn date(&mut self, value: &JsInput, now_ms: f64) -> f64 {
        let outcome = match value {
            JsInput::Undefined | JsInput::Null => return now_ms,
            JsInput::Number(n) => date::from_number(*n, now_ms),
            JsInput::String(s) => date::from_string(s, now_ms),
            JsInput::Date(ms) => date::from_date(*ms, now_ms),
            other => DateOutcome {
                ms: now_ms,
                replaced_because: Some(format!("is {}, not a date", other.describe())),
            },
        };
        if let Some(why) = outcome.replaced_because {
            self.notice(
                Level::Warn,
                "date",
                format_args!("{why}; the current time is shown instead"),
            );
        }
        outcome.ms
    }

    fn timeout(&mut self, value: &JsInput, kind: Kind) -> Option<u32> {
        let default = (!kind.is_urgent()).then_some(DEFAULT_TIMEOUT_MS);
        let ms = match value {
            JsInput::Undefined | JsInput::Null => return default,
            JsInput::Number(n) => *n,
            JsInput::String(s) => parse_number(s.trim()).unwrap_or(f64::NAN),
            _ => f64::NAN,
        };
        if ms.is_finite() && ms > 0.0 {
            Some(ms.min(f64::from(u32::MAX)) as u32)
        } else {
            self.notice(
                Level::Warn,
                "timeout",
                "must be a positive number of milliseconds; the default is used",
            );
            default
        }
    }

    fn duration(&mut self, value: &JsInput) -> Option<u32> {
        let secs = match value {
            JsInput::Undefined | JsInput::Null => return None,
            JsInput::Number(n) => *n,
            JsInput::String(s) => parse_number(s.trim()).unwrap_or(f64::NAN),
            _ => f64::NAN,
        };
        if secs.is_finite() && (0.0..=f64::from(MAX_DURATION_SECS)).contains(&secs) {
            Some(secs.round() as u32)
        } else {
            self.notice(
                Level::Warn,
                "duration",
                "must be a number of seconds between 0 and a week; it was left out",
            );
            None
        }
    }

    /// Refuses a value whose getter (or Proxy trap) threw, naming what it threw.
    fn readable<'a>(&self, field: &str, value: &'a JsInput) -> Result<&'a JsInput, ApiError> {
        match value {
            JsInput::Unreadable(why) => Err(self.error(field, format!("could not be read: {why}"))),
            readable => Ok(readable),
        }
    }

    /// The entity a call is about. One that cannot be linked to (no usable id, a type we do not
    /// know) is left out with a warning: the call still shows, without the entity link. Types are
    /// read case-insensitively ("Contact", "LEADS").
    fn entity(&mut self, value: &JsInput) -> Result<Option<Entity>, ApiError> {
        const LEFT_OUT: &str = "; the call shows without the entity link";
        match self.readable("element", value)? {
            JsInput::Undefined | JsInput::Null => return Ok(None),
            JsInput::Object(_) => {}
            other => {
                let problem = format!(
                    "must be an object like {{ id: 18221265, type: \"contact\" }}, got {}{LEFT_OUT}",
                    other.describe()
                );
                self.notice(Level::Warn, "element", problem);
                return Ok(None);
            }
        }
        let id = match self.readable("element.id", value.get("id"))? {
            JsInput::Number(n)
                if n.fract() == 0.0 && *n >= 1.0 && *n <= 9_007_199_254_740_991.0 =>
            {
                Ok(*n as u64)
            }
            JsInput::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s
                .parse()
                .ok()
                .filter(|&id| id > 0)
                .ok_or_else(|| format!("must be a positive integer, got \"{s}\"")),
            JsInput::Undefined | JsInput::Null => Err("is missing".to_owned()),
            JsInput::Number(n) => Err(format!(
                "must be a positive integer, got {}",
                js_number_to_string(*n)
            )),
            JsInput::String(s) => Err(format!("must be a positive integer, got \"{s}\"")),
            other => Err(format!(
                "must be a positive integer, got {}",
                other.describe()
            )),
        };
        let id = match id {
            Ok(id) => id,
            Err(problem) => {
                self.notice(Level::Warn, "element.id", format!("{problem}{LEFT_OUT}"));
                return Ok(None);
            }
        };
        const TYPES: &str = "must be \"contact\", \"lead\" or \"company\"";
        let kind = match self.readable("element.type", value.get("type"))? {
            JsInput::String(s) => EntityKind::from_name(&s.trim().to_ascii_lowercase())
                .ok_or_else(|| format!("{TYPES}, got \"{s}\"")),
            JsInput::Undefined | JsInput::Null => Err("is missing".to_owned()),
            other => Err(format!("{TYPES}, got {}", other.describe())),
        };
        let kind = match kind {
            Ok(kind) => kind,
            Err(problem) => {
                self.notice(Level::Warn, "element.type", format!("{problem}{LEFT_OUT}"));
                return Ok(None);
            }
        };
        let name = self
            .text("element.name", value.get("name"), Presence::Optional)?
            .filter(|n| !n.trim().is_empty());
        Ok(Some(Entity { kind, id, name }))
    }
}
