//! `/v1/push`: the server's public key, and the person's devices subscribing and unsubscribing.

use amocrm_notify_protocol::FieldError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth::Person;
use super::body::Body;
use super::error::ApiError;
use super::ApiContext;

pub(super) fn router() -> Router<ApiContext> {
    Router::new()
        .route("/push/key", get(key))
        .route("/push/subscriptions", post(subscribe).delete(unsubscribe))
}

/// A browser's `PushSubscription.toJSON()`.
#[derive(Deserialize)]
struct NewSubscription {
    endpoint: String,
    keys: Keys,
    #[serde(default, rename = "expirationTime")]
    _expiration_time: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    p256dh: String,
    auth: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Endpoint {
    endpoint: String,
}

async fn key(State(ctx): State<ApiContext>) -> Json<Value> {
    Json(json!({ "public_key": ctx.features.push_key }))
}

async fn subscribe(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(subscription): Body<NewSubscription>,
) -> Result<StatusCode, ApiError> {
    check_endpoint(&ctx, &subscription.endpoint)?;
    let decoded = |field: &str, value: &str, len: usize| {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(value.trim_end_matches('='))
            .map_err(|_| ApiError::Invalid(FieldError::new(field, "is not base64url")))?;
        if bytes.len() != len {
            return Err(ApiError::Invalid(FieldError::new(
                field,
                format!("must be {len} bytes"),
            )));
        }
        Ok(())
    };
    decoded("keys.p256dh", &subscription.keys.p256dh, 65)?;
    decoded("keys.auth", &subscription.keys.auth, 16)?;
    ctx.store
        .subscribe(
            person.user_id,
            &subscription.endpoint,
            &subscription.keys.p256dh,
            &subscription.keys.auth,
        )
        .await?;
    Ok(StatusCode::CREATED)
}

async fn unsubscribe(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(endpoint): Body<Endpoint>,
) -> Result<StatusCode, ApiError> {
    if ctx
        .store
        .unsubscribe(person.user_id, &endpoint.endpoint)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound("the subscription".into()))
    }
}

/// A push endpoint is an https URL (plain http only when the operator allows it, for a local
/// push service): the server posts to it, so it must not be a way into anything else.
fn check_endpoint(ctx: &ApiContext, endpoint: &str) -> Result<(), ApiError> {
    let fail = |why: &str| Err(ApiError::Invalid(FieldError::new("endpoint", why)));
    let Ok(uri) = endpoint.parse::<axum::http::Uri>() else {
        return fail("is not a URL");
    };
    match (uri.scheme_str(), uri.host()) {
        (Some("https"), Some(_)) => Ok(()),
        (Some("http"), Some(_)) if ctx.features.insecure_push => Ok(()),
        _ => fail("must be an https URL"),
    }
}
