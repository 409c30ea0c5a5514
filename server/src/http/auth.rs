//! The person a request is from, proven by their token. Handlers take a [`Caller`] (or a
//! [`Person`]) argument, so no handler can forget to check; every check failing answers the same
//! 401, so a caller learns nothing about which accounts or people exist.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use super::error::HttpError;
use super::ApiContext;
use crate::metrics::Metrics;
use crate::token;

/// An authenticated person, within the rate limit.
#[derive(Clone, Debug)]
pub(super) struct Person {
    pub user_id: i64,
    pub account: String,
    pub name: String,
}

/// A handler's context and the person it acts for.
pub(super) struct Caller {
    pub ctx: ApiContext,
    pub person: Person,
}

impl Caller {
    /// The person's id in the database.
    pub(super) fn user_id(&self) -> i64 {
        self.person.user_id
    }

    /// Tells the person's open streams that there is news.
    pub(super) fn wake(&self) {
        self.ctx.hub.wake(self.person.user_id);
    }
}

impl FromRequestParts<ApiContext> for Caller {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, HttpError> {
        let person = Person::from_request_parts(parts, ctx).await?;
        Ok(Caller {
            ctx: ctx.clone(),
            person,
        })
    }
}

impl FromRequestParts<ApiContext> for Person {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, HttpError> {
        let person = authenticate(parts, ctx).await.inspect_err(|e| {
            if matches!(e, HttpError::Unauthorized | HttpError::TokenExpired) {
                Metrics::add(&ctx.metrics.unauthorized);
            }
        })?;
        ctx.rate.take(person.user_id).map_err(|wait| {
            Metrics::add(&ctx.metrics.rate_limited);
            HttpError::RateLimited(wait)
        })?;
        Ok(person)
    }
}

async fn authenticate(parts: &Parts, ctx: &ApiContext) -> Result<Person, HttpError> {
    let token = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer)
        .ok_or(HttpError::Unauthorized)?;
    let account_name = token::claimed_account(token).ok_or(HttpError::Unauthorized)?;
    // The directory remembers the account (its secret for ten seconds) and the person's row.
    let account = ctx
        .directory
        .account(&ctx.db, &account_name)
        .await?
        .ok_or(HttpError::Unauthorized)?;
    let claims =
        token::verify(token, &account.secret, &account.name).map_err(|refusal| match refusal {
            token::Refusal::Expired => HttpError::TokenExpired,
            token::Refusal::Invalid => HttpError::Unauthorized,
        })?;
    let user_id = ctx
        .directory
        .person(&ctx.db, account.id, &claims.sub)
        .await?;
    Ok(Person {
        user_id,
        account: account.name,
        name: claims.sub,
    })
}

/// The token of an `Authorization: Bearer <token>` header. The scheme's name is case-insensitive
/// (RFC 7235, section 2.1): `bearer` and `BEARER` are the same scheme.
fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim_start().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer;

    #[test]
    fn the_scheme_is_case_insensitive() {
        for header in ["Bearer t.k.n", "bearer t.k.n", "BEARER  t.k.n "] {
            assert_eq!(bearer(header), Some("t.k.n"), "{header}");
        }
        for header in ["Basic dTpw", "Bearer", "Bearer ", "Bearert.k.n"] {
            assert_eq!(bearer(header), None, "{header}");
        }
    }
}
