//! Reading a JSON body: the right content type, within the size limit, and every error naming the
//! field (`notification.call.duration`), so a caller knows what to fix.

use amocrm_notify_protocol::FieldError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::ApiContext;

/// A JSON body of type `T`.
pub(super) struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<ApiContext> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, ctx: &ApiContext) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let limit = ctx.limits.body_bytes;
        // The whole body within the read timeout, however it is paced: hyper's timer and the
        // body layer only bound the wait for each piece, which a byte a second never trips.
        let deadline = ctx.limits.read_timeout;
        let bytes = tokio::time::timeout(deadline, Bytes::from_request(request, ctx))
            .await
            .map_err(|_| ApiError::BodyTimeout(deadline))?
            .map_err(|rejection| match rejection {
                BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                    ApiError::TooLarge(limit)
                }
                // The body layer's wait for the next piece ran out, or the client went away.
                _ => ApiError::BodyTimeout(deadline),
            })?;
        parse(&bytes).map(Body).map_err(ApiError::Invalid)
    }
}

/// Reads `bytes` as a `T`; the error names the field where reading stopped.
pub(super) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, FieldError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let message = inner.to_string();
        // serde_path_to_error's path ends at an unknown field, but stops above a missing one,
        // which only serde's message names.
        let missing = message
            .split_once("missing field `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(name, _)| name.to_owned());
        let field = match (missing, path.as_str()) {
            (Some(name), ".") => name,
            (Some(name), parent) => format!("{parent}.{name}"),
            (None, "." | "?") => "(body)".to_owned(),
            (None, path) => path.to_owned(),
        };
        let message = match message.find(" at line ") {
            Some(at) if !inner.is_syntax() && !inner.is_eof() => message[..at].to_owned(),
            _ => message,
        };
        FieldError::new(field, message)
    })?;
    deserializer
        .end()
        .map_err(|e| FieldError::new("(body)", e.to_string()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use amocrm_notify_protocol::http_api::NotificationPost;

    use super::*;

    #[test]
    fn errors_name_the_field() {
        let e = parse::<NotificationPost>(br#"{"id":"a","notification":{"v":1,"id":"a","method":"add_call","kind":"call","header":"","text":"x","date":1,"call":{"duration":"long"}}}"#).unwrap_err();
        assert_eq!(e.field, "notification.call.duration");
        let e = parse::<NotificationPost>(br#"{"id":"a","notification":{"v":1,"id":"a","method":"add_error","kind":"error","header":"","text":"x","date":1,"evil":1}}"#).unwrap_err();
        assert_eq!(e.field, "notification.evil");
        assert!(e.message.starts_with("unknown field `evil`"), "{e}");
        let e = parse::<NotificationPost>(br#"{"id":"a"}"#).unwrap_err();
        assert_eq!(e.field, "notification");
        let e = parse::<NotificationPost>(b"{not json").unwrap_err();
        assert_eq!(e.field, "(body)");
    }
}
