//! `/v1/notifications`: accept a notification (from the app's outbox or a host's backend), list the
//! person's history, and change their center: read, unread, remove, read all, clear read.

use amocrm_notify_protocol::http_api::{
    Accepted, Changed, Filter, FilterBody, HistoryPage, NotificationPost, ReadChange,
};
use amocrm_notify_protocol::FieldError;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::auth::Person;
use super::body::Body;
use super::error::ApiError;
use super::ApiContext;
use crate::db::Accept;
use crate::metrics::Metrics;

/// The most ids one change may name.
const MAX_IDS: usize = 1_000;
/// The most entries one page holds.
const MAX_PAGE: i64 = 500;

pub(super) fn router() -> Router<ApiContext> {
    Router::new()
        .route("/notifications", post(accept).get(history))
        .route("/notifications/read", post(set_read))
        .route("/notifications/read-all", post(read_all))
        .route("/notifications/clear-read", post(clear_read))
        .route("/notifications/{id}", delete(remove))
}

async fn accept(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(post): Body<NotificationPost>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    post.check().map_err(|e| {
        Metrics::add(&ctx.metrics.refused);
        ApiError::Invalid(e)
    })?;
    let (status, event_id) = match ctx.store.accept(person.user_id, &post.notification).await? {
        Accept::Created { event_id, jobs } => {
            Metrics::add(&ctx.metrics.accepted);
            ctx.hub.wake(person.user_id);
            if jobs > 0 {
                ctx.jobs.notify_one();
            }
            tracing::info!(account = person.account, user = person.name, id = post.id, channels = ?post.channels, "accepted");
            (StatusCode::CREATED, event_id)
        }
        Accept::Repeat { event_id } => {
            Metrics::add(&ctx.metrics.repeated);
            (StatusCode::OK, event_id)
        }
        Accept::Conflict => {
            Metrics::add(&ctx.metrics.refused);
            return Err(ApiError::Conflict(FieldError::new(
                "id",
                "is already taken by a notification with other content",
            )));
        }
    };
    Ok((
        status,
        Json(Accepted {
            id: post.id,
            event_id: event_id as u64,
        }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryQuery {
    limit: Option<i64>,
    before: Option<String>,
    filter: Option<Filter>,
}

async fn history(
    State(ctx): State<ApiContext>,
    person: Person,
    query: Result<Query<HistoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<HistoryPage>, ApiError> {
    let Query(query) =
        query.map_err(|e| ApiError::Invalid(FieldError::new("(query)", e.body_text())))?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::Invalid(FieldError::new(
            "limit",
            format!("must be 1 to {MAX_PAGE}"),
        )));
    }
    let before = query
        .before
        .as_deref()
        .map(|cursor| {
            cursor
                .split_once(':')
                .and_then(|(date, id)| {
                    Some((date.parse::<f64>().ok().filter(|d| d.is_finite())?, id))
                })
                .ok_or_else(|| {
                    ApiError::Invalid(FieldError::new(
                        "before",
                        "is not a cursor this server gave",
                    ))
                })
        })
        .transpose()?;
    // Read the position first: an event after it may already be in the page, and is then sent
    // again on the stream, where the center merges it by id; none can be missed.
    let position = ctx.store.position(person.user_id).await?;
    let page = ctx
        .store
        .page(
            person.user_id,
            query.filter.unwrap_or_default(),
            before,
            limit,
        )
        .await?;
    Ok(Json(HistoryPage {
        entries: page.entries,
        next: page.next,
        last_event_id: position.last as u64,
    }))
}

fn check_ids(ids: &[String]) -> Result<(), ApiError> {
    if ids.len() > MAX_IDS {
        return Err(ApiError::Invalid(FieldError::new(
            "ids",
            format!("names {} entries; at most {MAX_IDS} at once", ids.len()),
        )));
    }
    Ok(())
}

async fn set_read(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(change): Body<ReadChange>,
) -> Result<Json<Changed>, ApiError> {
    check_ids(&change.ids)?;
    let ids = ctx
        .store
        .set_read(
            person.user_id,
            &change.ids,
            change.read,
            decided_at(change.at),
        )
        .await?;
    changed(&ctx, &person, ids)
}

async fn remove(
    State(ctx): State<ApiContext>,
    person: Person,
    Path(id): Path<String>,
) -> Result<Json<Changed>, ApiError> {
    let ids = ctx.store.remove(person.user_id, &[id]).await?;
    if ids.is_empty() {
        // The same answer whether the id is another person's or nobody's.
        return Err(ApiError::NotFound("the notification".into()));
    }
    changed(&ctx, &person, ids)
}

async fn read_all(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(body): Body<FilterBody>,
) -> Result<Json<Changed>, ApiError> {
    let ids = ctx
        .store
        .read_all(person.user_id, body.filter, decided_at(body.at))
        .await?;
    changed(&ctx, &person, ids)
}

async fn clear_read(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(body): Body<FilterBody>,
) -> Result<Json<Changed>, ApiError> {
    let ids = ctx
        .store
        .clear_read(person.user_id, body.filter, decided_at(body.at))
        .await?;
    changed(&ctx, &person, ids)
}

fn changed(ctx: &ApiContext, person: &Person, ids: Vec<String>) -> Result<Json<Changed>, ApiError> {
    if !ids.is_empty() {
        ctx.hub.wake(person.user_id);
    }
    Ok(Json(Changed { ids }))
}

/// When a change was decided: the time the client says, but never in the server's future (a
/// device whose clock runs ahead cannot make its changes win over later ones), and now when it
/// says nothing or nonsense.
fn decided_at(at: Option<f64>) -> i64 {
    let now = crate::db::now_ms();
    match at {
        Some(at) if at.is_finite() && at > 0.0 => (at as i64).min(now),
        _ => now,
    }
}
