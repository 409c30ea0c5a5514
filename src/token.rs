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

/// Decodes a JWT part (base64url, padded or not) with the browser's own decoder, `atob` (which
/// takes base64 without its padding): no base64 of ours, and none in the download (a crate's
/// decoder costs 1 KB Brotli). `None` for anything else. Tried end to end: renewal before `exp`
/// and each person's kept preferences (`tests/e2e/outage.test.mjs`, `round3.test.mjs`) read real
/// tokens with it.
fn base64url(text: &str) -> Option<Vec<u8>> {
    if text.contains(['+', '/']) {
        return None; // base64, not base64url
    }
    let standard = text.replace('-', "+").replace('_', "/");
    let binary = web_sys::window()?.atob(&standard).ok()?;
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}
