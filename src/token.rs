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

/// Decodes a JWT part (base64url, padded or not) with the browser's own decoder, `atob`: no
/// base64 of ours, and none in the download (a crate's decoder costs 1 KB Brotli). `None` for
/// anything else.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(&standard_base64(text)?).ok()?;
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}

/// base64url as `atob` reads it: the standard alphabet, padded; `None` for text that is not
/// base64url.
fn standard_base64(text: &str) -> Option<String> {
    let mut standard = text
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => Some('+'),
            '_' => Some('/'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect::<Option<String>>()?;
    while standard.len() % 4 != 0 {
        standard.push('=');
    }
    Some(standard)
}

#[cfg(test)]
mod tests {
    use super::standard_base64;

    /// What `atob` gets (the decoding itself is the browser's: the end-to-end tests of renewal
    /// before `exp` and of each person's kept preferences read real tokens with it).
    #[test]
    fn base64url_as_atob_reads_it() {
        // {"exp":1700000000} in base64url without padding, and a part with both URL-safe letters.
        assert_eq!(
            standard_base64("eyJleHAiOjE3MDAwMDAwMDB9").as_deref(),
            Some("eyJleHAiOjE3MDAwMDAwMDB9")
        );
        assert_eq!(standard_base64("ab-_c").as_deref(), Some("ab+/c==="));
        assert_eq!(standard_base64("ab-_c=").as_deref(), Some("ab+/c==="));
        assert_eq!(standard_base64("a*b"), None);
        assert_eq!(standard_base64("a+b"), None);
    }
}
