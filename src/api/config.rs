//! `AMOCRM.notifications.configure({ endpoint, stream, token })` and the `<meta>` tags that say the
//! same: naming the account's server and the person's token. Pure Rust: a `JsInput` in, the
//! change it makes to the store's `ServerConfig` (or the problem) out.

use super::value::JsInput;
use crate::notification::Link;
use crate::store::ConfigChange;

/// `<meta name="amocrm-notify:endpoint" content="...">`.
pub const ENDPOINT_META: &str = "amocrm-notify:endpoint";
/// `<meta name="amocrm-notify:stream" content="...">`.
pub const STREAM_META: &str = "amocrm-notify:stream";
/// `<meta name="amocrm-notify:token" content="...">`.
pub const TOKEN_META: &str = "amocrm-notify:token";
/// `<meta name="amocrm-notify:renew-token" content="renewNotifyToken">`: the name of a global
/// function that does what `configure({ renew_token })` does.
pub const RENEW_TOKEN_META: &str = "amocrm-notify:renew-token";

/// The fields `configure` reads.
pub const FIELDS: [&str; 4] = ["endpoint", "stream", "token", "renew_token"];

/// The event dispatched on `window` when the server refuses the person's token and the page gave
/// no `renew_token` to get a new one: the host signs the person in again and calls
/// `configure({ token })`.
pub const UNAUTHORIZED_EVENT: &str = "amocrm-notify:unauthorized";

/// The longest token taken, in bytes.
const MAX_TOKEN_BYTES: usize = 8 << 10;

/// Validates `configure`'s argument into the change it makes: a field left out keeps its value,
/// `null` clears it. Each URL is an http(s) URL or a path on this site; the token is
/// what the account's backend signed (no spaces). The error is the whole console message.
pub fn parse_config(options: &JsInput) -> Result<ConfigChange, String> {
    let fail = |field: &str, problem: String| {
        Err(format!(
            "AMOCRM.notifications.configure: \"{field}\" {problem}"
        ))
    };
    if !matches!(options, JsInput::Object(_)) {
        return Err(format!(
            "AMOCRM.notifications.configure: expects an object {{ endpoint, stream, token, renew_token }}, got {}",
            options.describe()
        ));
    }
    match options.get("renew_token") {
        JsInput::Undefined | JsInput::Null | JsInput::Function => {}
        other => {
            return fail(
                "renew_token",
                format!(
                    "must be a function that returns a new token (or a promise of one), got {}",
                    other.describe()
                ),
            )
        }
    }
    let mut config = ConfigChange::default();
    match options.get("token") {
        JsInput::Undefined => {}
        JsInput::Null => config.token = Some(None),
        JsInput::String(token) => {
            let token = token.trim();
            if token.is_empty()
                || token.len() > MAX_TOKEN_BYTES
                || token.contains(|c: char| c.is_whitespace() || c.is_control())
            {
                return fail(
                    "token",
                    format!("must be the token the account's backend signed: 1 to {MAX_TOKEN_BYTES} characters without spaces"),
                );
            }
            config.token = Some(Some(token.to_owned()));
        }
        other => {
            return fail(
                "token",
                format!("must be a string, got {}", other.describe()),
            )
        }
    }
    for (field, slot) in [
        ("endpoint", &mut config.endpoint),
        ("stream", &mut config.stream),
    ] {
        match options.get(field) {
            JsInput::Undefined => {}
            JsInput::Null => *slot = Some(None),
            JsInput::String(url) => match Link::parse(url) {
                Ok(link) => *slot = Some(Some(link)),
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

/// `configure({ token })`: a token the page's `renew_token` gave, or another tab renewed.
pub fn token_change(token: String) -> Result<ConfigChange, String> {
    parse_config(&JsInput::Object(vec![("token", JsInput::String(token))]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ServerConfig;

    /// The configuration `options` makes of `current`.
    fn configured(options: &JsInput, current: &ServerConfig) -> Result<ServerConfig, String> {
        parse_config(options).map(|change| change.applied_to(current))
    }

    fn object(fields: Vec<(&'static str, JsInput)>) -> JsInput {
        JsInput::Object(fields)
    }

    #[test]
    fn urls_and_paths() {
        let config = configured(
            &object(vec![
                (
                    "endpoint",
                    JsInput::String("https://crm.example/api/notify".into()),
                ),
                ("stream", JsInput::String("/events".into())),
            ]),
            &ServerConfig::default(),
        )
        .unwrap();
        assert_eq!(
            config.endpoint.clone().unwrap().as_str(),
            "https://crm.example/api/notify"
        );
        assert_eq!(config.stream.clone().unwrap().as_str(), "/events");
        assert_eq!(
            configured(&object(vec![]), &ServerConfig::default()),
            Ok(ServerConfig::default())
        );
        // Left out keeps, null clears: a page can renew the token alone.
        let renewed = configured(
            &object(vec![("token", JsInput::String("a.b.c".into()))]),
            &config,
        )
        .unwrap();
        assert_eq!(renewed.endpoint, config.endpoint);
        assert_eq!(renewed.token.as_deref(), Some("a.b.c"));
        let cleared = configured(&object(vec![("stream", JsInput::Null)]), &renewed).unwrap();
        assert_eq!(cleared.stream, None);
        assert_eq!(cleared.token.as_deref(), Some("a.b.c"));
    }

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(
            configured(&object(vec![("endpoint", JsInput::String("javascript:x".into()))]), &ServerConfig::default()),
            Err("AMOCRM.notifications.configure: \"endpoint\" uses the \"javascript:\" scheme; only http(s) URLs and paths on this site are allowed".into())
        );
        assert_eq!(
            configured(
                &object(vec![("stream", JsInput::Number(3.0))]),
                &ServerConfig::default()
            ),
            Err(
                "AMOCRM.notifications.configure: \"stream\" must be a URL string, got a number"
                    .into()
            )
        );
        assert!(
            configured(&JsInput::String("x".into()), &ServerConfig::default())
                .unwrap_err()
                .starts_with("AMOCRM.notifications.configure: expects an object")
        );
        assert_eq!(
            configured(
                &object(vec![("renew_token", JsInput::String("fn".into()))]),
                &ServerConfig::default()
            ),
            Err("AMOCRM.notifications.configure: \"renew_token\" must be a function that returns a new token (or a promise of one), got a string".into())
        );
        assert!(configured(
            &object(vec![("renew_token", JsInput::Function)]),
            &ServerConfig::default()
        )
        .is_ok());
        assert!(configured(
            &object(vec![("token", JsInput::String("a b".into()))]),
            &ServerConfig::default()
        )
        .unwrap_err()
        .starts_with("AMOCRM.notifications.configure: \"token\" must be the token"));
    }
}

/// Why the page's `renew_token` is asked for a new token: its argument's `reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenewalReason {
    /// Shortly before the current token's `exp`: the token in use still works.
    Expiring,
    /// The server answered 401 to the current token.
    Refused,
}

impl RenewalReason {
    /// The word the page's function gets (`"expiring"`, `"refused"`).
    pub fn as_str(self) -> &'static str {
        match self {
            RenewalReason::Expiring => "expiring",
            RenewalReason::Refused => "refused",
        }
    }
}
