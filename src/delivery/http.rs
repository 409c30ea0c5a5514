//! Requests to the account's server (gloo-net's `fetch`), with the person's token, a deadline,
//! and what became of them.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;

pub(super) use gloo_net::http::Method;

use amocrm_notify_protocol::http_api::TIME_ZONE_HEADER;

use crate::store::{Reach, ServerConfig};

/// How long a request may take to connect and answer, its body included (the stream's body aside:
/// its heartbeats keep it alive instead).
pub(super) const DEADLINE_MS: u32 = 10_000;

/// Why a request was not answered with a 2xx.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Failure {
    /// No answer: the network, the server down, or no answer within the deadline.
    Unreachable(String),
    /// An answer other than 2xx.
    Status {
        status: u16,
        /// `Retry-After`, in milliseconds.
        retry_after_ms: Option<u32>,
        /// The server's error code (`token_expired`), when it sent one.
        code: Option<String>,
        /// The server's error message, when it sent one.
        message: Option<String>,
    },
}

impl Failure {
    /// The server refused the request itself: sending it again cannot help (a bad notification,
    /// an id taken by another, a body too large). Anything else may pass later: the server was
    /// down, busy (429), slow to receive the body (408), or the token had expired (401) and a new
    /// one is coming.
    pub(super) fn is_permanent(&self) -> bool {
        matches!(self, Failure::Status { status, .. } if matches!(status, 400 | 404 | 405 | 409 | 410 | 413 | 415 | 422))
    }

    /// The server refused the person's token: its error code (`token_expired`, `unauthorized`)
    /// and message.
    pub(super) fn refusal(&self) -> Option<(&str, &str)> {
        match self {
            Failure::Status {
                status: 401,
                code,
                message,
                ..
            } => Some((
                code.as_deref().unwrap_or("unauthorized"),
                message.as_deref().unwrap_or_default(),
            )),
            _ => None,
        }
    }

    /// What to wait for at least before trying again.
    pub(super) fn retry_after_ms(&self) -> Option<u32> {
        match self {
            Failure::Status { retry_after_ms, .. } => *retry_after_ms,
            Failure::Unreachable(_) => None,
        }
    }

    /// What the person's connection state makes of it.
    pub(super) fn reach(&self) -> Reach {
        match self {
            Failure::Status { status: 401, .. } => Reach::Refused,
            Failure::Status { status, .. } if *status == 408 || *status >= 500 => {
                Reach::Unreachable
            }
            Failure::Unreachable(_) => Reach::Unreachable,
            // The server answered, if only to refuse this one request.
            Failure::Status { .. } => Reach::Answered,
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

/// A request being built, with what bounds it.
pub(super) struct Outgoing {
    builder: RequestBuilder,
    abort: Option<web_sys::AbortController>,
}

impl Outgoing {
    pub(super) fn header(self, name: &str, value: &str) -> Outgoing {
        Outgoing {
            builder: self.builder.header(name, value),
            ..self
        }
    }

    /// What the person's device says of them, for `GET /v1/preferences` (the one request that
    /// reads it): the interface's language (the browser's own header would give the browser's)
    /// and the device's time zone, which a person who has none yet takes for their emails.
    pub(super) fn with_this_device(self) -> Outgoing {
        let outgoing = self.header("Accept-Language", crate::i18n::from_browser().tag());
        match crate::browser::time_zone() {
            Some(zone) => outgoing.header(TIME_ZONE_HEADER, &zone),
            None => outgoing,
        }
    }
}

/// A 2xx answer. Until its body is read (or it becomes a stream) the deadline still runs.
pub(super) struct Response {
    response: gloo_net::http::Response,
    abort: Option<web_sys::AbortController>,
    deadline: Deadline,
}

impl Response {
    /// The whole body as text, within the deadline.
    pub(super) async fn text(self) -> Result<String, Failure> {
        let text = self.response.text().await;
        let (timed_out, ms) = (self.deadline.passed(), self.deadline.ms);
        drop(self.deadline);
        text.map_err(|e| unreachable(&why(&e), ms, timed_out))
    }

    /// A header of the answer.
    pub(super) fn header(&self, name: &str) -> Option<String> {
        self.response.headers().get(name)
    }

    /// The body as a stream, for the event stream, and what aborts it. The deadline stops here:
    /// the stream's heartbeats say whether it is alive.
    pub(super) fn into_stream(
        self,
    ) -> (
        Option<web_sys::ReadableStream>,
        Option<web_sys::AbortController>,
    ) {
        (self.response.body(), self.abort)
    }
}

/// Aborts the request when it runs out, unless dropped first.
struct Deadline {
    _timer: Option<Timeout>,
    passed: Rc<Cell<bool>>,
    ms: u32,
}

impl Deadline {
    fn start(abort: Option<&web_sys::AbortController>, ms: u32) -> Deadline {
        let passed = Rc::new(Cell::new(false));
        let timer = abort.cloned().map(|abort| {
            let passed = Rc::clone(&passed);
            Timeout::new(ms, move || {
                passed.set(true);
                abort.abort();
            })
        });
        Deadline {
            _timer: timer,
            passed,
            ms,
        }
    }

    fn passed(&self) -> bool {
        self.passed.get()
    }
}

/// A request to `url`, with the token when the page gave one.
pub(super) fn request(method: Method, url: &str, server: &ServerConfig) -> Outgoing {
    let abort = web_sys::AbortController::new().ok();
    let builder = RequestBuilder::new(url)
        .method(method)
        .abort_signal(abort.as_ref().map(|a| a.signal()).as_ref());
    let outgoing = Outgoing { builder, abort };
    match &server.token {
        Some(token) => outgoing.header("Authorization", &format!("Bearer {token}")),
        None => outgoing,
    }
}

/// Sends `outgoing` with a JSON `body` (or none); the response when it is a 2xx. Connecting and
/// answering are bounded by [`DEADLINE_MS`].
pub(super) async fn send(outgoing: Outgoing, body: Option<String>) -> Result<Response, Failure> {
    send_within(outgoing, body, DEADLINE_MS).await
}

/// [`send`], with its own deadline in ms (the stream's: a server may send its headers with its
/// first heartbeat).
pub(super) async fn send_within(
    outgoing: Outgoing,
    body: Option<String>,
    deadline_ms: u32,
) -> Result<Response, Failure> {
    let Outgoing { builder, abort } = outgoing;
    let request: Result<Request, _> = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(JsValue::from_str(&body)),
        None => builder.build(),
    };
    let request = request.map_err(|e| Failure::Unreachable(why(&e)))?;
    let deadline = Deadline::start(abort.as_ref(), deadline_ms);
    let response = request
        .send()
        .await
        .map_err(|e| unreachable(&why(&e), deadline_ms, deadline.passed()))?;
    if response.ok() {
        return Ok(Response {
            response,
            abort,
            deadline,
        });
    }
    let retry_after_ms = response
        .headers()
        .get("retry-after")
        .and_then(|value| retry_after_ms(&value, crate::browser::now_ms()));
    let status = response.status();
    // The server's JSON error says what was wrong: `{"error": {"code": …, "message": …}}`.
    let error = Response {
        response,
        abort,
        deadline,
    }
    .text()
    .await
    .ok()
    .and_then(|text| {
        crate::json::from_text::<amocrm_notify_protocol::http_api::ErrorBody>(&text)
            .ok()
            .map(|e| e.error)
    });
    let (code, message) = match error {
        Some(error) => (Some(error.code.name().to_owned()), Some(error.message)),
        None => (None, None),
    };
    Err(Failure::Status {
        status,
        retry_after_ms,
        code,
        message,
    })
}

/// What `fetch` said, for people ("Failed to fetch"). Not through the error's `Display`, which
/// would link a JSON library's messages (gloo-net's error can carry serde_json's) into the wasm.
fn why(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message.clone(),
        gloo_net::Error::GlooError(message) => message.clone(),
        _ => "the answer could not be read".to_owned(),
    }
}

fn unreachable(why: &str, deadline_ms: u32, timed_out: bool) -> Failure {
    if timed_out {
        Failure::Unreachable(format!("no answer within {} s", deadline_ms / 1000))
    } else {
        Failure::Unreachable(why.to_owned())
    }
}

/// `Retry-After` in milliseconds from `now_ms`: its seconds form (`120`), or its HTTP date form
/// (`Wed, 21 Oct 2026 07:28:00 GMT`, RFC 9110's IMF-fixdate). A date already past is no wait;
/// nonsense is ignored.
pub(super) fn retry_after_ms(value: &str, now_ms: f64) -> Option<u32> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u32>() {
        return Some(secs.saturating_mul(1000));
    }
    let date = crate::notification::time::http_date_ms(value)?;
    Some((date - now_ms).clamp(0.0, f64::from(u32::MAX)) as u32)
}

#[cfg(test)]
mod tests {
    use super::retry_after_ms;
    use crate::notification::time::http_date_ms;

    #[test]
    fn retry_after_in_both_forms() {
        assert_eq!(retry_after_ms("120", 0.0), Some(120_000));
        assert_eq!(
            http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        let now = http_date_ms("Sat, 05 Dec 2026 10:00:00 GMT").unwrap();
        assert_eq!(
            retry_after_ms("Sat, 05 Dec 2026 10:00:04 GMT", now),
            Some(4_000)
        );
        assert_eq!(
            retry_after_ms("Sat, 05 Dec 2026 09:00:00 GMT", now),
            Some(0),
            "past"
        );
        assert_eq!(retry_after_ms("soon", now), None);
        assert_eq!(retry_after_ms("Sat, 05 Foo 2026 10:00:04 GMT", now), None);
    }
}
