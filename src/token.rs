//! What the app reads of the person's token without verifying it (the server verifies it): when it
//! expires, for renewal, and whose it is, so that what this browser keeps of one person is never
//! shown to another.

use serde::Deserialize;

/// The claims the app reads.
#[derive(Deserialize)]
pub(crate) struct Claims {
    pub(crate) exp: Option<f64>,
    pub(crate) iat: Option<f64>,
    pub(crate) sub: Option<String>,
}

/// The claims of a JWT; `None` when it has no readable payload.
pub(crate) fn claims(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    let json = String::from_utf8(base64url(payload)?).ok()?;
    crate::json::from_text(&json).ok()
}

/// The person the token names (`sub`).
pub(crate) fn subject(token: &str) -> Option<String> {
    claims(token)?.sub
}

/// Decodes base64url without padding (a JWT's parts); `None` for anything else.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        bits = (bits << 6) | u32::from(value(c)?);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::base64url;

    #[test]
    fn decodes_a_jwt_part() {
        // {"exp":1700000000} in base64url without padding.
        assert_eq!(
            base64url("eyJleHAiOjE3MDAwMDAwMDB9").as_deref(),
            Some(br#"{"exp":1700000000}"#.as_slice())
        );
        assert_eq!(base64url("a*b"), None);
    }
}
