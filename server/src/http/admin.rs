//! `/v1/admin`: for operators, with the server's admin token (off without one). Dead letters:
//! deliveries that failed for good, with their reasons, and putting them back in the queue.

use amocrm_notify_protocol::http_api::DeadLetter;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::body::Body;
use super::error::ApiError;
use super::ApiContext;

pub(super) fn router() -> Router<ApiContext> {
    Router::new()
        .route("/admin/dead-letters", get(list))
        .route("/admin/dead-letters/requeue", post(requeue))
}

fn operator(ctx: &ApiContext, headers: &HeaderMap) -> Result<(), ApiError> {
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
        _ => Err(ApiError::Unauthorized),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn list(
    State(ctx): State<ApiContext>,
    headers: HeaderMap,
) -> Result<Json<Vec<DeadLetter>>, ApiError> {
    operator(&ctx, &headers)?;
    Ok(Json(ctx.store.dead_letters(500).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Requeue {
    /// Those dead letters; all of them when absent.
    ids: Option<Vec<i64>>,
}

async fn requeue(
    State(ctx): State<ApiContext>,
    headers: HeaderMap,
    Body(body): Body<Requeue>,
) -> Result<Json<Value>, ApiError> {
    operator(&ctx, &headers)?;
    let requeued = ctx.store.requeue(body.ids.as_deref()).await?;
    ctx.jobs.notify_one();
    Ok(Json(json!({ "requeued": requeued })))
}
