//! The HTTP API: one module per resource, each with its `router()`, merged under `/v1`, and the
//! connection handling that keeps slow or idle clients from holding the server.

mod admin;
mod auth;
mod body;
mod dev_mail;
mod error;
mod events;
mod notifications;
mod openapi;
mod ops;
mod preferences;
mod push;

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::{middleware, Router};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower::Service;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

pub(crate) use error::HttpError;
pub(crate) use openapi::json_text as openapi_text;

use crate::db::Db;
use crate::directory::Directory;
use crate::metrics::Metrics;
use crate::rate::RateLimiter;
use crate::stream::Hub;

/// The limits an operator may tune.
#[derive(Clone, Debug)]
pub(crate) struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// Streams one person may hold open in one process.
    pub streams_per_person: usize,
    /// How often an idle stream sends a heartbeat comment.
    pub heartbeat: Duration,
    /// How long a client may take to send its headers, and then its body.
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 4 << 20,
            streams_per_person: 16,
            heartbeat: Duration::from_secs(10),
            read_timeout: Duration::from_secs(10),
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub(crate) struct ApiContext {
    pub db: Db,
    pub metrics: Arc<Metrics>,
    /// Accounts and people, remembered for a while.
    pub directory: Directory,
    /// Each person's open streams.
    pub hub: Hub,
    pub limits: Arc<Limits>,
    pub rate: RateLimiter,
    /// Rung when there may be delivery work.
    pub jobs: Arc<tokio::sync::Notify>,
    pub features: Arc<Features>,
}

/// What this process offers beyond the center.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// The VAPID public key browsers subscribe with.
    pub push_key: String,
    /// Push endpoints may be plain http (tests).
    pub insecure_push: bool,
    /// The operator endpoints' token.
    pub admin_token: Option<String>,
    /// `/dev/mail` is served.
    pub dev_mail: bool,
}

/// Every route, each with its part of the document.
fn routes() -> OpenApiRouter<ApiContext> {
    let api = OpenApiRouter::new()
        .merge(notifications::router())
        .merge(preferences::router())
        .merge(events::router())
        .merge(push::router())
        .merge(admin::router())
        .merge(openapi::router());
    OpenApiRouter::with_openapi(openapi::base())
        .nest("/v1", api)
        .merge(ops::router())
        .merge(dev_mail::router())
}

/// The API's OpenAPI document, as `GET /v1/openapi.json` serves it.
pub(crate) fn document() -> utoipa::openapi::OpenApi {
    openapi::finish(routes().into_openapi())
}

pub(crate) fn router(ctx: ApiContext) -> Router {
    let (routes, _) = routes().split_for_parts();
    routes
        .fallback(|| async { HttpError::NotFound("this endpoint".into()) })
        .method_not_allowed_fallback(|| async { HttpError::MethodNotAllowed })
        .layer(middleware::from_fn(error::name_the_endpoint))
        .layer(DefaultBodyLimit::max(ctx.limits.body_bytes))
        .layer(RequestBodyTimeoutLayer::new(ctx.limits.read_timeout))
        .layer(TraceLayer::new_for_http())
        .with_state(ctx)
}

/// Serves `app` on `listener` until `shutdown` resolves. Headers must arrive within the read
/// timeout; on shutdown the listener closes at once (open streams end with the process).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    read_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        let (socket, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait and go on rather than spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return,
        };
        let _ = socket.set_nodelay(true);
        let service = app.clone();
        tokio::spawn(async move {
            let hyper_service =
                hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
                    let mut service = service.clone();
                    async move {
                        Ok::<_, Infallible>(
                            service
                                .call(request.map(axum::body::Body::new))
                                .await
                                .unwrap_or_else(|e| match e {}),
                        )
                    }
                });
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(read_timeout);
            let _ = builder
                .serve_connection(TokioIo::new(socket), hyper_service)
                .await;
        });
    }
}
