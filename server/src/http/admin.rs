//! `/v1/admin`: for operators, with the server's admin token (off without one). Dead letters:
//! deliveries that failed for good, with their reasons, and putting them back in the queue.

use amocrm_notify_protocol::http_api::DeadLetter;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::Body;
use super::error::HttpError;
use super::ApiContext;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(requeue))
}

fn operator(ctx: &ApiContext, headers: &HeaderMap) -> Result<(), HttpError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match (&ctx.features.admin_token, given) {
        (Some(token), Some(given))
            if constant_time_eq(token.as_bytes(), given.trim().as_bytes()) =>
        {
            Ok(())
        }
        _ => Err(HttpError::Unauthorized),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The newest 500 deliveries that failed for good, with their reasons.
#[utoipa::path(get, path = "/admin/dead-letters", operation_id = "list_dead_letters",
    summary = "List dead letters", tag = "admin", security(("admin" = [])),
    responses(
        (status = 200, description = "The dead letters, newest first.", body = Vec<DeadLetter>),
    ))]
async fn list(
    State(ctx): State<ApiContext>,
    headers: HeaderMap,
) -> Result<Json<Vec<DeadLetter>>, HttpError> {
    operator(&ctx, &headers)?;
    Ok(Json(ctx.db.dead_letters(500).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Requeue {
    /// Those dead letters; all of them when absent.
    ids: Option<Vec<i64>>,
}

#[derive(Serialize, ToSchema)]
struct Requeued {
    /// How many went back in the queue.
    requeued: u64,
}

/// Puts dead letters back in the delivery queue, to be tried again at once.
#[utoipa::path(post, path = "/admin/dead-letters/requeue", operation_id = "requeue_dead_letters",
    summary = "Requeue dead letters", tag = "admin", request_body = Requeue,
    security(("admin" = [])),
    responses((status = 200, description = "How many were requeued.", body = Requeued)))]
async fn requeue(
    State(ctx): State<ApiContext>,
    headers: HeaderMap,
    Body(body): Body<Requeue>,
) -> Result<Json<Requeued>, HttpError> {
    operator(&ctx, &headers)?;
    let requeued = ctx.db.requeue(body.ids.as_deref()).await?;
    ctx.jobs.notify_one();
    Ok(Json(Requeued { requeued }))
}
