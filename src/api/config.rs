//! `AMOCRM.notifications.configure({ endpoint, stream })` and the `<meta>` tags that say the same:
//! naming the account's server. Pure Rust: a `JsInput` in, a `ServerConfig` (or the problem) out.

use super::value::JsInput;
use crate::notification::Link;
use crate::store::ServerConfig;

/// `<meta name="amocrm-notify:endpoint" content="...">`.
pub const ENDPOINT_META: &str = "amocrm-notify:endpoint";
/// `<meta name="amocrm-notify:stream" content="...">`.
pub const STREAM_META: &str = "amocrm-notify:stream";

/// Validates `configure`'s argument. Each URL is an http(s) URL or a path on this site; `null`
/// (or leaving it out) means none. The error is the whole console message.
pub fn parse_config(options: &JsInput) -> Result<ServerConfig, String> {
    let fail = |field: &str, problem: String| {
        Err(format!(
            "AMOCRM.notifications.configure: \"{field}\" {problem}"
        ))
    };
    if !matches!(options, JsInput::Object(_)) {
        return Err(format!(
            "AMOCRM.notifications.configure: expects an object {{ endpoint, stream }}, got {}",
            options.describe()
        ));
    }
    let mut config = ServerConfig::default();
    for (field, slot) in [
        ("endpoint", &mut config.endpoint),
        ("stream", &mut config.stream),
    ] {
        match options.get(field) {
            JsInput::Undefined | JsInput::Null => {}
            JsInput::String(url) => match Link::parse(url) {
                Ok(link) => *slot = Some(link),
                Err(error) => return fail(field, error.to_string()),
            },
            other => {
                return fail(
                    field,
                    format!("must be a URL string, got {}", other.describe()),
                )
            }
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(fields: Vec<(&'static str, JsInput)>) -> JsInput {
        JsInput::Object(fields)
    }

    #[test]
    fn urls_and_paths() {
        let config = parse_config(&object(vec![
            (
                "endpoint",
                JsInput::String("https://crm.example/api/notify".into()),
            ),
            ("stream", JsInput::String("/events".into())),
        ]))
        .unwrap();
        assert_eq!(
            config.endpoint.unwrap().as_str(),
            "https://crm.example/api/notify"
        );
        assert_eq!(config.stream.unwrap().as_str(), "/events");
        assert_eq!(parse_config(&object(vec![])), Ok(ServerConfig::default()));
    }

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(
            parse_config(&object(vec![("endpoint", JsInput::String("javascript:x".into()))])),
            Err("AMOCRM.notifications.configure: \"endpoint\" uses the \"javascript:\" scheme; only http(s) URLs and paths on this site are allowed".into())
        );
        assert_eq!(
            parse_config(&object(vec![("stream", JsInput::Number(3.0))])),
            Err(
                "AMOCRM.notifications.configure: \"stream\" must be a URL string, got a number"
                    .into()
            )
        );
        assert!(parse_config(&JsInput::String("x".into()))
            .unwrap_err()
            .starts_with("AMOCRM.notifications.configure: expects an object"));
    }
}
