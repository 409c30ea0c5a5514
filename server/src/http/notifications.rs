//! `/v1/notifications`: accept a notification (from the app's outbox or a host's backend), list the
//! person's history, and change their center: read, unread, remove, read all, clear read.

use amocrm_notify_protocol::http_api::{
    Accepted, Changed, ErrorBody, Filter, FilterBody, HistoryPage, NotificationPost, ReadChange,
};
use amocrm_notify_protocol::record::check_id;
use amocrm_notify_protocol::FieldError;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Caller;
use super::body::Body;
use super::error::{HttpError, Reply};
use super::ApiContext;
use crate::db::{Accept, FilterChange};
use crate::metrics::Metrics;

/// The most ids one change may name.
const MAX_IDS: usize = 1_000;
/// The most entries one page holds.
const MAX_PAGE: i64 = 500;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new()
        .routes(routes!(accept, history))
        .routes(routes!(set_read))
        .routes(routes!(read_all))
        .routes(routes!(clear_read))
        .routes(routes!(remove))
}

/// Accepts a notification: the app's outbox posts each `add_*` here, and a host's backend may post
/// one itself (a call it announces). Answered once the write is durable.
#[utoipa::path(post, path = "/notifications", operation_id = "post_notification",
    summary = "Post a notification", tag = "notifications", request_body = NotificationPost,
    security(("person" = [])),
    responses(
        (status = 201, description = "Stored, and announced on the person's stream.", body = Accepted),
        (status = 200, description = "A repeat of an id already stored with the same content (read state aside): the first answer again.", body = Accepted),
        (status = 409, description = "The id is taken by a notification with other content (`conflict`, field `id`).", body = ErrorBody),
    ))]
async fn accept(
    caller: Caller,
    Body(post): Body<NotificationPost>,
) -> Result<(StatusCode, Json<Accepted>), HttpError> {
    post.check().map_err(|e| {
        Metrics::add(&caller.ctx.metrics.refused);
        HttpError::Invalid(e)
    })?;
    let (status, event_id) = match caller
        .ctx
        .db
        .accept(caller.user_id(), &post.notification)
        .await?
    {
        Accept::Created { event_id, jobs } => {
            Metrics::add(&caller.ctx.metrics.accepted);
            caller.wake();
            if jobs > 0 {
                caller.ctx.jobs.notify_one();
            }
            tracing::info!(account = caller.person.account, user = caller.person.name, id = post.id, channels = ?post.channels, "accepted");
            (StatusCode::CREATED, event_id)
        }
        Accept::Repeat { event_id } => {
            Metrics::add(&caller.ctx.metrics.repeated);
            (StatusCode::OK, event_id)
        }
        Accept::Conflict => {
            Metrics::add(&caller.ctx.metrics.refused);
            return Err(HttpError::Conflict(FieldError::new(
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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct HistoryQuery {
    /// Entries in the page: 1 to 500, 100 when absent.
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    /// The `next` of the page before: this page starts after it.
    #[param(pattern = "^[0-9]+(\\.[0-9]+)?:")]
    before: Option<String>,
    /// Which entries; `all` when absent.
    filter: Option<Filter>,
}

/// The person's history, newest first (by date, then id), a page at a time.
#[utoipa::path(get, path = "/notifications", operation_id = "list_notifications",
    summary = "List the history", tag = "notifications", params(HistoryQuery),
    security(("person" = [])),
    responses(
        (status = 200, description = "A page of entries; `next` is the cursor of the next page.", body = HistoryPage),
    ))]
async fn history(
    caller: Caller,
    query: Result<Query<HistoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Reply<HistoryPage> {
    let Query(query) =
        query.map_err(|e| HttpError::Invalid(FieldError::new("(query)", e.body_text())))?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(HttpError::Invalid(FieldError::new(
            "limit",
            format!("must be 1 to {MAX_PAGE}"),
        )));
    }
    let before = query
        .before
        .as_deref()
        .map(|text| {
            cursor(text).ok_or_else(|| {
                HttpError::Invalid(FieldError::new(
                    "before",
                    "is not a cursor this server gave",
                ))
            })
        })
        .transpose()?;
    // Read the position first: an event after it may already be in the page, and is then sent
    // again on the stream, where the center merges it by id; none can be missed.
    let position = caller.ctx.db.position(caller.user_id()).await?;
    let page = caller
        .ctx
        .db
        .page(
            caller.user_id(),
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

/// A page's cursor as the server writes it: the last entry's date (ms, digits with an optional
/// fraction), `:`, and its id. Nothing else is taken, so the document can say exactly what is,
/// and no byte a database refuses (PostgreSQL's text holds no NUL) reaches a query.
fn cursor(text: &str) -> Option<(f64, &str)> {
    let (date, id) = text.split_once(':')?;
    check_id(id).ok()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = match date.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(date),
    };
    let date = date.parse::<f64>().ok().filter(|d| d.is_finite())?;
    well_formed.then_some((date, id))
}

/// The ids an entry could have: any other (empty, too long, with a control character) is nobody's,
/// and is left out before it reaches the database, which may refuse its bytes.
fn possible_ids(mut ids: Vec<String>) -> Vec<String> {
    ids.retain(|id| check_id(id).is_ok());
    ids
}

fn check_ids(ids: &[String]) -> Result<(), HttpError> {
    if ids.len() > MAX_IDS {
        return Err(HttpError::Invalid(FieldError::new(
            "ids",
            format!("names {} entries; at most {MAX_IDS} at once", ids.len()),
        )));
    }
    Ok(())
}

/// Marks entries read or unread, as decided at `at`: an entry changed later, on another device,
/// keeps that change.
#[utoipa::path(post, path = "/notifications/read", operation_id = "mark_read",
    summary = "Mark read or unread", tag = "notifications", request_body = ReadChange,
    security(("person" = [])),
    responses(
        (status = 200, description = "The ids that changed; others were already so, or are not the person's.", body = Changed),
    ))]
async fn set_read(caller: Caller, Body(change): Body<ReadChange>) -> Reply<Changed> {
    check_ids(&change.ids)?;
    let ids = caller
        .ctx
        .db
        .set_read(
            caller.user_id(),
            &possible_ids(change.ids),
            change.read,
            decided_at(change.at),
        )
        .await?;
    changed(&caller, ids)
}

/// Removes one entry.
#[utoipa::path(delete, path = "/notifications/{id}", operation_id = "remove_notification",
    summary = "Remove one entry", tag = "notifications",
    params(("id" = String, Path, description = "The notification's id.")),
    security(("person" = [])),
    responses(
        (status = 200, description = "Removed: its id.", body = Changed),
        (status = 404, description = "The person has no entry by that id (`not_found`).", body = ErrorBody),
    ))]
async fn remove(caller: Caller, Path(id): Path<String>) -> Reply<Changed> {
    let ids = caller
        .ctx
        .db
        .remove(caller.user_id(), &possible_ids(vec![id]))
        .await?;
    if ids.is_empty() {
        // The same answer whether the id is another person's or nobody's.
        return Err(HttpError::NotFound("the notification".into()));
    }
    changed(&caller, ids)
}

/// Marks every entry of a filter read, as decided at `at`.
#[utoipa::path(post, path = "/notifications/read-all", summary = "Mark all read",
    tag = "notifications", request_body = FilterBody, security(("person" = [])),
    responses((status = 200, description = "The ids that changed.", body = Changed)))]
async fn read_all(caller: Caller, Body(body): Body<FilterBody>) -> Reply<Changed> {
    by_filter(&caller, FilterChange::ReadAll, body).await
}

/// Removes every read entry of a filter, as they stood at `at`.
#[utoipa::path(post, path = "/notifications/clear-read", summary = "Clear read entries",
    tag = "notifications", request_body = FilterBody, security(("person" = [])),
    responses((status = 200, description = "The ids removed.", body = Changed)))]
async fn clear_read(caller: Caller, Body(body): Body<FilterBody>) -> Reply<Changed> {
    by_filter(&caller, FilterChange::ClearRead, body).await
}

async fn by_filter(caller: &Caller, change: FilterChange, body: FilterBody) -> Reply<Changed> {
    let at = decided_at(body.at);
    let ids = (caller.ctx.db)
        .change_filter(change, caller.user_id(), body.filter, at)
        .await?;
    changed(caller, ids)
}

fn changed(caller: &Caller, ids: Vec<String>) -> Reply<Changed> {
    if !ids.is_empty() {
        caller.wake();
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
