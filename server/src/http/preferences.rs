//! `/v1/preferences`: where a person's notifications go beyond the interface.

use amocrm_notify_protocol::api::Preferences;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use super::auth::Person;
use super::body::Body;
use super::error::ApiError;
use super::ApiContext;

pub(super) fn router() -> Router<ApiContext> {
    Router::new().route("/preferences", get(read).put(replace))
}

async fn read(
    State(ctx): State<ApiContext>,
    person: Person,
) -> Result<Json<Preferences>, ApiError> {
    Ok(Json(ctx.store.preferences(person.user_id).await?))
}

async fn replace(
    State(ctx): State<ApiContext>,
    person: Person,
    Body(preferences): Body<Preferences>,
) -> Result<Json<Preferences>, ApiError> {
    preferences.check().map_err(ApiError::Invalid)?;
    ctx.store
        .set_preferences(person.user_id, &preferences)
        .await?;
    ctx.hub.wake(person.user_id);
    Ok(Json(preferences))
}
