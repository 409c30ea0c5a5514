//! `/v1/preferences`: where a person's notifications go beyond the interface.

use amocrm_notify_protocol::http_api::{Language, Preferences, TIME_ZONE_HEADER};
use amocrm_notify_protocol::FieldError;
use axum::http::{header, HeaderMap};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Caller;
use super::body::Body;
use super::error::{HttpError, Reply};
use super::ApiContext;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new().routes(routes!(read, replace))
}

/// The person's preferences. A person who never chose a language gets the request's
/// `Accept-Language` (the app sends its interface language), and one without a time zone the
/// request's `Time-Zone` (the app sends its device's), each kept from then on.
#[utoipa::path(get, path = "/preferences", operation_id = "get_preferences",
    summary = "Read the preferences", tag = "preferences",
    params(
        ("Accept-Language" = Option<String>, Header, description = "Taken as the person's email language (`en` or `ru`) when they have none."),
        ("Time-Zone" = Option<String>, Header, description = "An IANA time zone name, taken as the person's zone for the dates in emails when they have none."),
    ), security(("person" = [])),
    responses((status = 200, description = "The person's preferences.", body = Preferences)))]
async fn read(caller: Caller, headers: HeaderMap) -> Reply<Preferences> {
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let language = header(header::ACCEPT_LANGUAGE.as_str()).and_then(spoken);
    let time_zone = header(TIME_ZONE_HEADER).filter(|zone| is_known_zone(zone));
    if language.is_none() && time_zone.is_none() {
        return Ok(Json(caller.ctx.db.preferences(caller.user_id()).await?));
    }
    let (preferences, adopted) = caller
        .ctx
        .db
        .adopt(caller.user_id(), language, time_zone)
        .await?;
    if adopted {
        caller.wake();
    }
    Ok(Json(preferences))
}

/// Whether the IANA database (compiled in) has the zone `name`.
fn is_known_zone(name: &str) -> bool {
    amocrm_notify_protocol::http_api::is_time_zone_name(name)
        && jiff::tz::TimeZone::get(name).is_ok()
}

/// The first language of an `Accept-Language` header that the emails speak, by the weights given
/// ("de, ru;q=0.9, en;q=0.8" is Russian); `None` when none is.
fn spoken(accept: &str) -> Option<Language> {
    let mut tags: Vec<(f32, &str)> = accept
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (weight > 0.0).then_some((weight, tag))
        })
        .collect();
    // Stable: equal weights keep their order.
    tags.sort_by(|a, b| b.0.total_cmp(&a.0));
    tags.into_iter()
        .find_map(|(_, tag)| Language::from_tag(tag))
}

/// Replaces the person's preferences, and tells their other devices on the stream.
#[utoipa::path(put, path = "/preferences", operation_id = "put_preferences",
    summary = "Replace the preferences", tag = "preferences", request_body = Preferences,
    security(("person" = [])),
    responses((status = 200, description = "The preferences as stored.", body = Preferences)))]
async fn replace(caller: Caller, Body(preferences): Body<Preferences>) -> Reply<Preferences> {
    preferences.check().map_err(HttpError::Invalid)?;
    if let Some(zone) = preferences
        .time_zone
        .as_deref()
        .filter(|z| !is_known_zone(z))
    {
        return Err(HttpError::Invalid(FieldError::new(
            "time_zone",
            format!(
                "{zone:?} is not a time zone the server knows (IANA names, such as Europe/Moscow)"
            ),
        )));
    }
    caller
        .ctx
        .db
        .set_preferences(caller.user_id(), &preferences)
        .await?;
    caller.wake();
    Ok(Json(preferences))
}

#[cfg(test)]
mod tests {
    use super::spoken;
    use amocrm_notify_protocol::http_api::Language;

    #[test]
    fn accept_language_by_weight() {
        assert_eq!(spoken("ru-RU,ru;q=0.9,en-US;q=0.8"), Some(Language::Ru));
        assert_eq!(spoken("de, ru;q=0.9, en;q=0.8"), Some(Language::Ru));
        assert_eq!(spoken("en;q=0.5, ru;q=0.7"), Some(Language::Ru));
        assert_eq!(spoken("EN-gb"), Some(Language::En));
        assert_eq!(spoken("de-DE, fr"), None);
        assert_eq!(spoken("ru;q=0, en"), Some(Language::En));
        assert_eq!(spoken(""), None);
    }
}
