//! The person's token: an HS256 JWT that the account's backend signs with the account's secret,
//! naming the account (`acc`), the person (`sub`) and when it expires (`exp`, required).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    /// The account's name.
    pub acc: String,
    /// The person's id in the account.
    pub sub: String,
    /// Expiry, seconds since the Unix epoch.
    pub exp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
}

/// The longest id a token may name, in bytes.
const MAX_NAME_BYTES: usize = 200;

/// Signs a token for `sub` in the account `acc`, valid for `ttl`.
pub fn sign(secret: &str, acc: &str, sub: &str, ttl: Duration) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let claims = Claims {
        acc: acc.into(),
        sub: sub.into(),
        exp: now + ttl.as_secs(),
        iat: Some(now),
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("HS256 signing cannot fail")
}

/// The account a token says it is from, read before its signature is checked, to find the secret
/// to check it with. Nothing else of an unchecked token is used.
pub fn claimed_account(token: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Peek {
        acc: String,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    serde_json::from_slice::<Peek>(&bytes).ok().map(|p| p.acc)
}

/// Why a token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Signed with the account's secret, naming it and a valid person, but past its `exp`: the
    /// client should renew it. Only a token that passes every other check is told so.
    Expired,
    /// Anything else: forged, malformed, another account's, `alg: none`, no `exp`.
    Invalid,
}

/// Leeway for clocks that disagree, in seconds.
const LEEWAY_SECS: u64 = 5;

/// Checks the token's signature (HS256 only: `none` and every other algorithm are refused), its
/// claims and that it names `account`, then its expiry.
pub fn verify(token: &str, secret: &str, account: &str) -> Result<Claims, Refusal> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_required_spec_claims(&["exp", "sub"]);
    // The expiry is checked below, once everything else is known to hold: only then may the
    // answer differ from a forged token's.
    validation.validate_exp = false;
    let claims = jsonwebtoken::decode::<Claims>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .map_err(|_| Refusal::Invalid)?
    .claims;
    let fits =
        |s: &str| !s.is_empty() && s.len() <= MAX_NAME_BYTES && !s.contains(char::is_control);
    if claims.acc != account || !fits(&claims.sub) {
        return Err(Refusal::Invalid);
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    if claims.exp.saturating_add(LEEWAY_SECS) <= now {
        return Err(Refusal::Expired);
    }
    Ok(claims)
}

/// A new account secret: 32 random bytes, base64url.
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_token_verifies_for_its_account_only() {
        let token = sign("s3cret", "acme", "u1", Duration::from_secs(60));
        assert_eq!(claimed_account(&token).as_deref(), Some("acme"));
        let claims = verify(&token, "s3cret", "acme").unwrap();
        assert_eq!((claims.acc.as_str(), claims.sub.as_str()), ("acme", "u1"));
        assert_eq!(
            verify(&token, "other", "acme"),
            Err(Refusal::Invalid),
            "forged"
        );
        assert_eq!(
            verify(&token, "s3cret", "globex"),
            Err(Refusal::Invalid),
            "another account"
        );
    }

    #[test]
    fn expired_and_unsigned_tokens_are_refused() {
        let expired = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &Claims {
                acc: "a".into(),
                sub: "u".into(),
                exp: 1_000,
                iat: None,
            },
            &EncodingKey::from_secret(b"k"),
        )
        .unwrap();
        assert_eq!(verify(&expired, "k", "a"), Err(Refusal::Expired));
        assert_eq!(
            verify(&expired, "guessed", "a"),
            Err(Refusal::Invalid),
            "a forged expired token says nothing more than a forged one"
        );
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let none = format!(
            "{}.{}.",
            engine.encode(r#"{"alg":"none","typ":"JWT"}"#),
            engine.encode(r#"{"acc":"a","sub":"u","exp":99999999999}"#)
        );
        assert_eq!(verify(&none, "k", "a"), Err(Refusal::Invalid));
    }
}
