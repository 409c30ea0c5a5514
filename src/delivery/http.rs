//! Requests to the account's server, with the person's token, and what became of them.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// An HTTP method, as `fetch` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Method(&'static str);

impl Method {
    pub(super) const GET: Method = Method("GET");
    pub(super) const POST: Method = Method("POST");
    pub(super) const PUT: Method = Method("PUT");
    pub(super) const DELETE: Method = Method("DELETE");
}

/// A request being built: `fetch`'s own init and headers. The browser's `fetch` straight, rather
/// than a wrapper crate, whose error types carry a JSON library's messages into the download.
pub(super) struct RequestBuilder {
    url: String,
    init: web_sys::RequestInit,
    headers: web_sys::Headers,
}

impl RequestBuilder {
    pub(super) fn header(self, name: &str, value: &str) -> RequestBuilder {
        // Only a name or value that is not valid HTTP throws; ours are constants and tokens.
        let _ = self.headers.set(name, value);
        self
    }

    pub(super) fn abort_signal(self, signal: Option<&web_sys::AbortSignal>) -> RequestBuilder {
        self.init.set_signal(signal);
        self
    }
}

/// A 2xx answer.
pub(super) struct Response(web_sys::Response);

impl Response {
    /// The whole body as text.
    pub(super) async fn text(&self) -> Result<String, String> {
        let promise = self.0.text().map_err(describe)?;
        let text = JsFuture::from(promise).await.map_err(describe)?;
        Ok(text.as_string().unwrap_or_default())
    }

    /// The body as a stream, for the event stream.
    pub(super) fn body(&self) -> Option<web_sys::ReadableStream> {
        self.0.body()
    }
}

/// A request to `url`, with the token when the page gave one.
pub(super) fn request(method: Method, url: &str, server: &ServerConfig) -> RequestBuilder {
    let init = web_sys::RequestInit::new();
    init.set_method(method.0);
    let headers =
        web_sys::Headers::new().unwrap_or_else(|_| unreachable!("Headers() takes no input"));
    let builder = RequestBuilder {
        url: url.to_owned(),
        init,
        headers,
    };
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
    let builder = match body {
        Some(body) => {
            builder.init.set_body(&JsValue::from_str(&body));
            builder.header("Content-Type", "application/json")
        }
        None => builder,
    };
    builder.init.set_headers(&builder.headers);
    let promise = gloo_utils::window().fetch_with_str_and_init(&builder.url, &builder.init);
    let response: web_sys::Response = JsFuture::from(promise)
        .await
        .map_err(|e| Failure::Unreachable(describe(e)))?
        .unchecked_into();
    if response.ok() {
        return Ok(Response(response));
    }
    let retry_after_ms = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map(|secs| secs.saturating_mul(1000));
    let status = response.status();
    // The server's JSON error says what was wrong: `{"error": {"message": …}}`.
    let message = Response(response).text().await.ok().and_then(|text| {
        crate::wire::from_text::<amocrm_notify_protocol::api::ErrorBody>(&text)
            .ok()
            .map(|e| e.error.message)
    });
    Err(Failure::Status {
        status,
        retry_after_ms,
        message,
    })
}

/// What a browser API rejected with, for people: its message ("Failed to fetch"), else the value.
pub(super) fn describe(error: JsValue) -> String {
    js_sys::Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
