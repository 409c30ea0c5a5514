//! `GET /v1/stream`: a person's events as Server-Sent Events. Each event's `id` only grows for that
//! person; a client that comes back with `Last-Event-ID` (or `?last_event_id=`) gets exactly what it
//! missed, or a `reset` event when that is no longer kept. Comments keep idle proxies from closing it.

use std::convert::Infallible;

use amocrm_notify_protocol::http_api::Event;
use amocrm_notify_protocol::FieldError;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::auth::Person;
use super::error::ApiError;
use super::ApiContext;
use crate::metrics::Metrics;
use crate::stream::Subscription;

/// Events read from the database at a time.
const BATCH: i64 = 500;

pub(super) fn router() -> Router<ApiContext> {
    Router::new().route("/stream", get(stream))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StreamQuery {
    last_event_id: Option<String>,
}

async fn stream(
    State(ctx): State<ApiContext>,
    person: Person,
    headers: HeaderMap,
    query: Result<Query<StreamQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) =
        query.map_err(|e| ApiError::Invalid(FieldError::new("(query)", e.body_text())))?;
    let asked = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or(query.last_event_id)
        .map(|id| {
            id.trim()
                .parse::<i64>()
                .ok()
                .filter(|&n| n >= 0)
                .ok_or_else(|| {
                    ApiError::Invalid(FieldError::new(
                        "last_event_id",
                        "must be an event id this server gave",
                    ))
                })
        })
        .transpose()?;
    let cap = ctx.limits.streams_per_person;
    let subscription = ctx
        .hub
        .subscribe(person.user_id, cap)
        .ok_or(ApiError::TooManyStreams(cap))?;
    let position = ctx.store.position(person.user_id).await?;
    let (start, reset) = match asked {
        None => (position.last, false),
        // Too old (pruned), or from a database this server no longer has.
        Some(id) if id < position.pruned_to || id > position.last => (position.last, true),
        Some(id) => (id, false),
    };
    Metrics::add(&ctx.metrics.streams_opened);
    let (sender, receiver) = mpsc::channel(64);
    tokio::spawn(send_events(
        ctx.clone(),
        subscription,
        person.user_id,
        start,
        reset,
        sender,
    ));
    let mut response = Sse::new(ReceiverStream::new(receiver))
        .keep_alive(KeepAlive::new().interval(ctx.limits.heartbeat))
        .into_response();
    // nginx and its kind would otherwise hold events back in a buffer.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    // How often a quiet stream sends a comment: a client that hears nothing for two of these
    // knows the stream is dead, and opens another.
    response.headers_mut().insert(
        "x-heartbeat-secs",
        HeaderValue::from(ctx.limits.heartbeat.as_secs().max(1)),
    );
    Ok(response)
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
        let events = match ctx.store.events_after(user_id, last, BATCH).await {
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
