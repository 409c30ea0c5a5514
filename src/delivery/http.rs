//! Requests to the account's server, with the person's token, and what became of them.

use gloo_net::http::{Method, RequestBuilder, Response};

use crate::store::ServerConfig;

/// Why a request was not answered with a 2xx.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Failure {
    /// No answer: the network, or the server is down.
    Unreachable(String),
    /// An answer other than 2xx.
    Status {
        status: u16,
        /// `Retry-After`, in milliseconds.
        retry_after_ms: Option<u32>,
        /// The server's error message, when it sent one.
        message: Option<String>,
    },
}

impl Failure {
    /// The server refused the request itself: sending it again cannot help (a bad notification,
    /// an id taken by another). Anything else may pass later: the server was down, busy (429),
    /// or the token had expired (401) and the page may give a new one.
    pub(super) fn is_permanent(&self) -> bool {
        matches!(self, Failure::Status { status, .. } if matches!(status, 400 | 404 | 405 | 409 | 410 | 413 | 415 | 422))
    }

    /// What to wait for at least before trying again.
    pub(super) fn retry_after_ms(&self) -> Option<u32> {
        match self {
            Failure::Status { retry_after_ms, .. } => *retry_after_ms,
            Failure::Unreachable(_) => None,
        }
    }

    /// For people: "the server answered 502", "the server could not be reached: …".
    pub(super) fn describe(&self) -> String {
        match self {
            Failure::Unreachable(why) => format!("the server could not be reached: {why}"),
            Failure::Status {
                status,
                message: Some(message),
                ..
            } => format!("the server answered {status}: {message}"),
            Failure::Status { status, .. } => format!("the server answered {status}"),
        }
    }
}

/// A request to `url`, with the token when the page gave one.
pub(super) fn request(method: Method, url: &str, server: &ServerConfig) -> RequestBuilder {
    let builder = RequestBuilder::new(url).method(method);
    match &server.token {
        Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

/// Sends `builder` with a JSON `body` (or none); the response when it is a 2xx.
pub(super) async fn send(
    builder: RequestBuilder,
    body: Option<String>,
) -> Result<Response, Failure> {
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|e| Failure::Unreachable(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| Failure::Unreachable(e.to_string()))?;
    if response.ok() {
        return Ok(response);
    }
    let retry_after_ms = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map(|secs| secs.saturating_mul(1000));
    // The server's JSON error says what was wrong: `{"error": {"message": …}}`.
    let message = response.text().await.ok().and_then(|text| {
        crate::wire::from_text::<amocrm_notify_protocol::api::ErrorBody>(&text)
            .ok()
            .map(|e| e.error.message)
    });
    Err(Failure::Status {
        status: response.status(),
        retry_after_ms,
        message,
    })
}
