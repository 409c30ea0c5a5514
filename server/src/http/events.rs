//! `GET /v1/stream`: a person's events as Server-Sent Events. Each event's `id` only grows for that
//! person; a client that comes back with `Last-Event-ID` (or `?last_event_id=`) gets exactly what it
//! missed, or a `reset` event when that is no longer kept. Comments keep idle proxies from closing it.

use std::convert::Infallible;

use amocrm_notify_protocol::http_api::Event;
use amocrm_notify_protocol::FieldError;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Caller;
use super::error::HttpError;
use super::ApiContext;
use crate::metrics::Metrics;
use crate::stream::Subscription;

/// Events read from the database at a time.
const BATCH: i64 = 500;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new().routes(routes!(stream))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct StreamQuery {
    /// As the `Last-Event-ID` header, for clients that cannot set headers; the header wins.
    #[param(pattern = "^[0-9]{1,18}$")]
    last_event_id: Option<String>,
}

/// The person's events as Server-Sent Events, from the event after `Last-Event-ID` (or from now),
/// then live, until the client goes away.
///
/// Each SSE message has an `id` (the event's number, which only grows for the person), an `event`
/// name, and `data`: one JSON `Event` whose `type` is that name: `entry` (a new entry), `read`
/// (entries marked read or unread, as decided at `at`), `removed`, `preferences`, `delivery` (where
/// an entry went beyond the interface) and `reset` (the events after the id given are no longer
/// kept: reload the history, then go on from this event's id). A comment (`: open`, then one each
/// `X-Heartbeat-Secs`) keeps proxies from closing an idle stream; a client that hears nothing for
/// two heartbeats opens another.
#[utoipa::path(get, path = "/stream", operation_id = "open_stream",
    summary = "Open the stream (Server-Sent Events)", tag = "stream",
    params(
        StreamQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "The id of the last event the client has: the stream starts after it. An id older than the events kept, or one never given, gets a `reset` event first.", pattern = "^[0-9]{1,18}$"),
    ), security(("person" = [])),
    responses(
        (status = 200, description = "The stream: each message's `data` is an `Event`, its SSE `event` the event's `type`.", content_type = "text/event-stream", body = Event, headers(("X-Heartbeat-Secs" = u64, description = "How often a quiet stream sends a comment."), ("X-Accel-Buffering" = String, description = "`no`: proxies must not buffer the stream."))),
    ))]
async fn stream(
    caller: Caller,
    headers: HeaderMap,
    query: Result<Query<StreamQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, HttpError> {
    let Query(query) =
        query.map_err(|e| HttpError::Invalid(FieldError::new("(query)", e.body_text())))?;
    let invalid = |field: &str| {
        HttpError::Invalid(FieldError::new(
            field,
            "must be an event id this server gave",
        ))
    };
    // Both are checked when both are given; the header wins, as EventSource sends it when it
    // reconnects to the URL it was given.
    let from_query = query
        .last_event_id
        .map(|id| event_number(&id).ok_or_else(|| invalid("last_event_id")))
        .transpose()?;
    let from_header = headers
        .get("last-event-id")
        .map(|value| {
            value
                .to_str()
                .ok()
                .and_then(event_number)
                .ok_or_else(|| invalid("Last-Event-ID"))
        })
        .transpose()?;
    let asked = from_header.or(from_query);
    let cap = caller.ctx.limits.streams_per_person;
    let subscription = caller
        .ctx
        .hub
        .subscribe(caller.user_id(), cap)
        .ok_or(HttpError::TooManyStreams(cap))?;
    let position = caller.ctx.db.position(caller.user_id()).await?;
    let (start, reset) = match asked {
        None => (position.last, false),
        // Too old (pruned), or from a database this server no longer has.
        Some(id) if id < position.pruned_to || id > position.last => (position.last, true),
        Some(id) => (id, false),
    };
    Metrics::add(&caller.ctx.metrics.streams_opened);
    let (sender, receiver) = mpsc::channel(64);
    tokio::spawn(send_events(
        caller.ctx.clone(),
        subscription,
        caller.user_id(),
        start,
        reset,
        sender,
    ));
    let mut response = Sse::new(ReceiverStream::new(receiver))
        .keep_alive(KeepAlive::new().interval(caller.ctx.limits.heartbeat))
        .into_response();
    // nginx and its kind would otherwise hold events back in a buffer.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    // How often a quiet stream sends a comment: a client that hears nothing for two of these
    // knows the stream is dead, and opens another.
    response.headers_mut().insert(
        "x-heartbeat-secs",
        HeaderValue::from(caller.ctx.limits.heartbeat.as_secs().max(1)),
    );
    Ok(response)
}

/// An event id as a client sends it back: 1 to 18 ASCII digits, nothing else (not `+5`, ` 5` or
/// `-0`), so what the API takes is exactly what its document says.
fn event_number(id: &str) -> Option<i64> {
    (!id.is_empty() && id.len() <= 18 && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.parse().ok())
        .flatten()
}

/// Sends the person's events after `last` until the client goes away: what is stored now, then
/// whatever is new each time the stream is woken (and, across processes, at each heartbeat in case
/// a wake-up was lost).
async fn send_events(
    ctx: ApiContext,
    mut subscription: Subscription,
    user_id: i64,
    mut last: i64,
    reset: bool,
    sender: mpsc::Sender<Result<SseEvent, Infallible>>,
) {
    // A first comment at once: the headers and a first byte go out now, not with the first event
    // or heartbeat, so a client (or a proxy) knows at once that the stream is open.
    if sender
        .send(Ok(SseEvent::default().comment("open")))
        .await
        .is_err()
    {
        return;
    }
    if reset {
        let event = SseEvent::default()
            .id(last.to_string())
            .event(Event::Reset.name())
            .data(serde_json::to_string(&Event::Reset).expect("an event always serializes"));
        if sender.send(Ok(event)).await.is_err() {
            return;
        }
    }
    loop {
        subscription.wake.borrow_and_update();
        let events = match ctx.db.events_after(user_id, last, BATCH).await {
            Ok(events) => events,
            Err(error) => {
                // The client reconnects with its last id and misses nothing.
                tracing::warn!(%error, user_id, "reading events failed; closing the stream");
                return;
            }
        };
        let full = events.len() as i64 == BATCH;
        for (id, body) in events {
            let event = SseEvent::default()
                .id(id.to_string())
                .event(event_name(&body))
                .data(body);
            if sender.send(Ok(event)).await.is_err() {
                return;
            }
            Metrics::add(&ctx.metrics.events_sent);
            last = id;
        }
        if full {
            continue;
        }
        tokio::select! {
            changed = subscription.wake.changed() => if changed.is_err() { return },
            () = tokio::time::sleep(ctx.limits.heartbeat), if ctx.hub.polls() => {}
            () = sender.closed() => return,
        }
    }
}

/// The SSE event name of a stored event: its `type`.
fn event_name(body: &str) -> String {
    #[derive(Deserialize)]
    struct Tag {
        #[serde(rename = "type")]
        kind: String,
    }
    serde_json::from_str::<Tag>(body).map_or_else(|_| "message".into(), |t| t.kind)
}
