//! `/v1/push`: the server's public key, and the person's devices subscribing and unsubscribing.

use amocrm_notify_protocol::http_api::ErrorBody;
use amocrm_notify_protocol::FieldError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Caller;
use super::body::Body;
use super::error::HttpError;
use super::ApiContext;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new()
        .routes(routes!(key))
        .routes(routes!(subscribe, unsubscribe))
}

/// A browser's `PushSubscription.toJSON()`.
#[derive(Deserialize, ToSchema)]
struct NewSubscription {
    /// The push service's URL for this device: https (plain http only on a server started with
    /// `--insecure-push`).
    #[schema(pattern = "^https?://", max_length = 8192)]
    endpoint: String,
    keys: Keys,
    #[serde(default, rename = "expirationTime")]
    _expiration_time: Option<f64>,
}

/// The device's keys, base64url.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Keys {
    /// The device's P-256 public key: 65 bytes.
    p256dh: String,
    /// The shared authentication secret: 16 bytes.
    auth: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Endpoint {
    endpoint: String,
}

#[derive(Serialize, ToSchema)]
struct PushKey {
    /// The VAPID public key (base64url) browsers subscribe with; empty when push is off.
    public_key: String,
}

/// The server's public key for Web Push, which a browser's subscription must name.
#[utoipa::path(get, path = "/push/key", operation_id = "push_key", summary = "The Web Push key",
    tag = "push", responses((status = 200, description = "The key.", body = PushKey)))]
async fn key(State(ctx): State<ApiContext>) -> Json<PushKey> {
    Json(PushKey {
        public_key: ctx.features.push_key.clone(),
    })
}

/// Subscribes one of the person's devices to Web Push (a repeat of the endpoint replaces it).
#[utoipa::path(post, path = "/push/subscriptions", operation_id = "subscribe_push",
    summary = "Subscribe a device", tag = "push", request_body = NewSubscription,
    security(("person" = [])), responses((status = 201, description = "Subscribed.")))]
async fn subscribe(
    caller: Caller,
    Body(subscription): Body<NewSubscription>,
) -> Result<StatusCode, HttpError> {
    check_endpoint(&caller.ctx, &subscription.endpoint)?;
    let decoded = |field: &str, value: &str, len: usize| {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value.trim_end_matches('='))
            .map_err(|_| HttpError::Invalid(FieldError::new(field, "is not base64url")))?;
        if bytes.len() != len {
            return Err(HttpError::Invalid(FieldError::new(
                field,
                format!("must be {len} bytes"),
            )));
        }
        Ok(())
    };
    decoded("keys.p256dh", &subscription.keys.p256dh, 65)?;
    decoded("keys.auth", &subscription.keys.auth, 16)?;
    caller
        .ctx
        .db
        .subscribe(
            caller.user_id(),
            &subscription.endpoint,
            &subscription.keys.p256dh,
            &subscription.keys.auth,
        )
        .await?;
    Ok(StatusCode::CREATED)
}

/// Unsubscribes one of the person's devices.
#[utoipa::path(delete, path = "/push/subscriptions", operation_id = "unsubscribe_push",
    summary = "Unsubscribe a device", tag = "push", request_body = Endpoint,
    security(("person" = [])),
    responses(
        (status = 204, description = "Unsubscribed."),
        (status = 404, description = "The person has no subscription with that endpoint (`not_found`).", body = ErrorBody),
    ))]
async fn unsubscribe(
    caller: Caller,
    Body(endpoint): Body<Endpoint>,
) -> Result<StatusCode, HttpError> {
    // An endpoint with a control character was never subscribed, and a database may refuse it.
    let possible = !endpoint.endpoint.chars().any(char::is_control);
    if possible
        && caller
            .ctx
            .db
            .unsubscribe(caller.user_id(), &endpoint.endpoint)
            .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(HttpError::NotFound("the subscription".into()))
    }
}

/// The longest push endpoint taken.
const MAX_ENDPOINT_BYTES: usize = 8192;

/// A push endpoint is an https URL (plain http only when the operator allows it, for a local
/// push service): the server posts to it, so it must not be a way into anything else.
fn check_endpoint(ctx: &ApiContext, endpoint: &str) -> Result<(), HttpError> {
    let fail = |why: &str| Err(HttpError::Invalid(FieldError::new("endpoint", why)));
    if endpoint.len() > MAX_ENDPOINT_BYTES {
        return fail("is over 8192 bytes");
    }
    let Ok(uri) = endpoint.parse::<axum::http::Uri>() else {
        return fail("is not a URL");
    };
    // The scheme as written, lower case: the URL parser would read `HTTPS://` as `https`.
    let secure = endpoint.starts_with("https://");
    let plain = endpoint.starts_with("http://") && ctx.features.insecure_push;
    match uri.host() {
        Some(_) if secure || plain => Ok(()),
        _ => fail("must be an https URL"),
    }
}
