//! For operators: `/healthz` (the database answers) and `/metrics` (Prometheus).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiContext;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(metrics))
}

#[derive(Serialize, ToSchema)]
struct Health {
    status: HealthStatus,
    /// `sqlite` or `postgres`.
    #[schema(example = "sqlite")]
    database: &'static str,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
enum HealthStatus {
    Ok,
    Unavailable,
}

/// Whether the database answers, for load balancers and orchestrators.
#[utoipa::path(get, path = "/healthz", operation_id = "health", summary = "Health",
    tag = "operators",
    responses(
        (status = 200, description = "The database answers.", body = Health),
        (status = 503, description = "The database does not answer.", body = Health),
    ))]
async fn health(State(ctx): State<ApiContext>) -> impl IntoResponse {
    let database = ctx.db.backend().name();
    let (code, status) = match ctx.db.ping().await {
        Ok(()) => (StatusCode::OK, HealthStatus::Ok),
        Err(error) => {
            tracing::warn!(%error, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, HealthStatus::Unavailable)
        }
    };
    (code, Json(Health { status, database }))
}

/// This process's counters, for Prometheus.
#[utoipa::path(get, path = "/metrics", operation_id = "metrics", summary = "Metrics (Prometheus)",
    tag = "operators",
    responses(
        (status = 200, description = "The text exposition format, version 0.0.4.", content_type = "text/plain", body = String),
    ))]
async fn metrics(State(ctx): State<ApiContext>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        ctx.metrics.render(ctx.hub.open_streams()),
    )
}
