//! Every error the API answers, as `{"error": {"code", "message", "field"?}}` with a message that
//! names the endpoint and the field. Database and internal errors are logged, never shown.

use std::time::Duration;

use amocrm_notify_protocol::http_api::{ErrorBody, ErrorCode, ErrorDetail};
use amocrm_notify_protocol::FieldError;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// What a handler answers: JSON, or an error.
pub(super) type Reply<T> = Result<Json<T>, HttpError>;

#[derive(Debug, thiserror::Error)]
pub(crate) enum HttpError {
    /// No token, or one that is forged, expired or not the account's. Says no more, on purpose.
    #[error("a valid token is required (Authorization: Bearer <token>)")]
    Unauthorized,
    /// A token that would be valid but for its `exp`: the client should get a new one. Only a
    /// token signed with the account's secret gets this answer; a forged one gets the one above.
    #[error("the token has expired; renew it and send the request again")]
    TokenExpired,
    /// The body did not arrive in time.
    #[error("the body did not arrive within {} s", .0.as_secs())]
    BodyTimeout(Duration),
    #[error("{0}")]
    Invalid(FieldError),
    /// The id is taken by a notification with other content.
    #[error("{0}")]
    Conflict(FieldError),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("the body is over {0} bytes")]
    TooLarge(usize),
    #[error("the body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("too many requests; try again in {} s", retry_after_secs(*.0))]
    RateLimited(Duration),
    #[error("too many open streams for this person (at most {0})")]
    TooManyStreams(usize),
    #[error("this endpoint does not take that method")]
    MethodNotAllowed,
    #[error("an internal error; it has been logged")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for HttpError {
    fn from(error: sqlx::Error) -> Self {
        HttpError::Internal(error.into())
    }
}

fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

impl HttpError {
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            HttpError::Unauthorized | HttpError::TokenExpired => StatusCode::UNAUTHORIZED,
            HttpError::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            HttpError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            HttpError::Conflict(_) => StatusCode::CONFLICT,
            HttpError::NotFound(_) => StatusCode::NOT_FOUND,
            HttpError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            HttpError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            HttpError::RateLimited(_) | HttpError::TooManyStreams(_) => {
                StatusCode::TOO_MANY_REQUESTS
            }
            HttpError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            HttpError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> ErrorCode {
        match self {
            HttpError::Unauthorized => ErrorCode::Unauthorized,
            HttpError::TokenExpired => ErrorCode::TokenExpired,
            HttpError::BodyTimeout(_) => ErrorCode::Timeout,
            HttpError::Invalid(_) => ErrorCode::Invalid,
            HttpError::Conflict(_) => ErrorCode::Conflict,
            HttpError::NotFound(_) => ErrorCode::NotFound,
            HttpError::TooLarge(_) => ErrorCode::TooLarge,
            HttpError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            HttpError::RateLimited(_) | HttpError::TooManyStreams(_) => ErrorCode::RateLimited,
            HttpError::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            HttpError::Internal(_) => ErrorCode::Internal,
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            HttpError::Invalid(e) | HttpError::Conflict(e) => Some(e.field.clone()),
            _ => None,
        }
    }

    fn message(&self) -> String {
        match self {
            HttpError::Invalid(e) | HttpError::Conflict(e) => {
                format!("\"{}\" {}", e.field, e.message)
            }
            other => other.to_string(),
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        if let HttpError::Internal(error) = &self {
            tracing::error!(error = format!("{error:#}"), "internal error");
        }
        let mut response = self.status().into_response();
        if let HttpError::RateLimited(wait) = &self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs(*wait)),
            );
        }
        if let HttpError::TooLarge(_) | HttpError::BodyTimeout(_) = &self {
            // The rest of the body is not read: the connection cannot carry another request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        match &self {
            HttpError::TokenExpired => response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(
                    r#"Bearer error="invalid_token", error_description="the token has expired""#,
                ),
            ),
            HttpError::Unauthorized => response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")),
            _ => None,
        };
        // The body is written by `name_the_endpoint`, which knows the request.
        response.extensions_mut().insert(ErrorDetail {
            code: self.code(),
            message: self.message(),
            field: self.field(),
        });
        response
    }
}

/// Writes an error's JSON body, its message led by the endpoint: `POST /v1/notifications: …`.
///
/// An error answered before the request's body was read (a refused token, a wrong content type, a
/// rate limit) also closes the connection, and says so: the unread body is still on the wire, so
/// the connection cannot carry another request, and a client that is not told would send its next
/// request into a connection the server is about to drop.
pub(super) async fn name_the_endpoint(request: Request, next: Next) -> Response {
    let endpoint = format!("{} {}", request.method(), request.uri().path());
    let has_body = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim() != "0")
        || request.headers().contains_key(header::TRANSFER_ENCODING);
    let response = next.run(request).await;
    let (mut parts, body) = response.into_parts();
    let Some(mut detail) = parts.extensions.remove::<ErrorDetail>() else {
        return Response::from_parts(parts, body);
    };
    let unread = matches!(
        parts.status,
        StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::TOO_MANY_REQUESTS
            | StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::NOT_FOUND
    );
    if has_body && unread {
        parts
            .headers
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    detail.message = format!("{endpoint}: {}", detail.message);
    let mut response = (parts.status, Json(ErrorBody { error: detail })).into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}
