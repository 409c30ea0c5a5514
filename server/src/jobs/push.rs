//! The mobile push channel (Web Push): each device a person subscribed gets the notification,
//! encrypted for it (RFC 8291, aes128gcm) and signed with the server's VAPID key (RFC 8292), posted
//! to its push service. The key pair is made on first start and kept in the database, so every
//! process signs with the same one.
//!
//! The push service's answer decides what follows: 2xx sent; 404 or 410 the device is gone, so its
//! subscription goes; 413 the payload is shortened and sent again; 429 and 5xx retried, not before
//! `Retry-After`; any other refusal is final.

use std::time::Duration;

use amocrm_notify_protocol::markup::Markup;
use amocrm_notify_protocol::Record;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;
use web_push_native::jwt_simple::algorithms::{
    ECDSAP256KeyPairLike, ECDSAP256PublicKeyLike, ES256KeyPair,
};
use web_push_native::jwt_simple::claims::Claims;
use web_push_native::{p256, Auth, WebPushBuilder};

use super::Attempt;
use crate::db::{Db, Subscription};

/// The payload a service worker receives.
#[derive(Serialize)]
struct Payload<'a> {
    id: &'a str,
    title: String,
    body: String,
    /// Where a click goes: the entry's link, or the center at the entry.
    url: String,
}

/// How long a VAPID signature is good for (RFC 8292 allows at most 24 hours).
const VAPID_VALID: Duration = Duration::from_secs(12 * 60 * 60);

/// What a push service takes at most (RFC 8030 services guarantee 4096 bytes of payload).
const MAX_PAYLOAD: usize = 3000;

pub(crate) struct Pusher {
    key_pair: ES256KeyPair,
    /// The application server key browsers subscribe with: the public key, uncompressed, base64url.
    pub public_key: String,
    contact: String,
    http: reqwest::Client,
}

impl Pusher {
    /// Loads the server's VAPID key pair, making it on first start.
    pub(crate) async fn new(db: &Db, contact: &str) -> anyhow::Result<Pusher> {
        let private = db
            .setting_or_insert("vapid_private_key", || {
                URL_SAFE_NO_PAD.encode(ES256KeyPair::generate().to_bytes())
            })
            .await?;
        let key_pair = ES256KeyPair::from_bytes(&URL_SAFE_NO_PAD.decode(private)?)
            .map_err(|e| anyhow::anyhow!("the stored VAPID key: {e}"))?;
        let public_key =
            URL_SAFE_NO_PAD.encode(key_pair.public_key().public_key().to_bytes_uncompressed());
        Ok(Pusher {
            key_pair,
            public_key,
            contact: contact.to_owned(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()?,
        })
    }

    /// Pushes `record` to the device `subscription`.
    pub(crate) async fn send(
        &self,
        db: &Db,
        subscription: &Subscription,
        record: &Record,
    ) -> Attempt {
        let builder = match self.builder(subscription) {
            Ok(builder) => builder,
            Err(why) => {
                let _ = db.drop_subscription(subscription.id).await;
                return Attempt::Refused(format!("the subscription cannot be used: {why}"));
            }
        };
        let authorization = match self.vapid(&subscription.endpoint) {
            Ok(authorization) => authorization,
            Err(why) => return Attempt::Refused(format!("the VAPID signature: {why}")),
        };
        let mut short = false;
        loop {
            let payload = payload(record, short);
            let request = match builder.build(payload) {
                Ok(request) => request,
                Err(e) => {
                    return Attempt::Refused(format!("the payload could not be encrypted: {e}"))
                }
            };
            let mut request = match reqwest::Request::try_from(request) {
                Ok(request) => request,
                Err(e) => return Attempt::Refused(format!("the push endpoint: {e}")),
            };
            request
                .headers_mut()
                .insert(reqwest::header::AUTHORIZATION, authorization.clone());
            let response = match self.http.execute(request).await {
                Ok(response) => response,
                Err(e) => {
                    return Attempt::Failed {
                        error: format!("the push service could not be reached: {e}"),
                        retry_after_ms: None,
                    }
                }
            };
            let status = response.status().as_u16();
            let retry_after_ms = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after_ms(v, std::time::SystemTime::now()));
            return match status {
                200..=299 => Attempt::Sent,
                404 | 410 => {
                    let _ = db.drop_subscription(subscription.id).await;
                    Attempt::Refused(format!("the device is no longer subscribed ({status})"))
                }
                413 if !short => {
                    short = true;
                    continue;
                }
                429 | 500..=599 => Attempt::Failed {
                    error: format!("the push service answered {status}"),
                    retry_after_ms,
                },
                _ => Attempt::Refused(format!("the push service refused it ({status})")),
            };
        }
    }

    /// `Authorization: vapid t=…, k=…` for a push to `endpoint`. The token's `aud` is the
    /// endpoint's origin, its port included when it is not the scheme's default (RFC 8292 section
    /// 2; web-push-native's own signature leaves any port out).
    fn vapid(&self, endpoint: &str) -> anyhow::Result<reqwest::header::HeaderValue> {
        let claims = Claims::create(VAPID_VALID.into())
            .with_audience(origin(endpoint)?)
            .with_subject(&self.contact);
        let token = self
            .key_pair
            .sign(claims)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(format!("vapid t={token}, k={}", self.public_key).parse()?)
    }

    fn builder(&self, subscription: &Subscription) -> anyhow::Result<WebPushBuilder> {
        let endpoint = subscription.endpoint.parse()?;
        let key = p256::PublicKey::from_sec1_bytes(
            &URL_SAFE_NO_PAD.decode(subscription.p256dh.trim_end_matches('='))?,
        )?;
        let auth = URL_SAFE_NO_PAD.decode(subscription.auth.trim_end_matches('='))?;
        anyhow::ensure!(auth.len() == 16, "the auth secret must be 16 bytes");
        let mut secret = Auth::default();
        secret.copy_from_slice(&auth);
        Ok(WebPushBuilder::new(endpoint, key, secret))
    }
}

/// `scheme://host[:port]` of `endpoint`, the port only when it is not the scheme's default.
fn origin(endpoint: &str) -> anyhow::Result<String> {
    let uri: http::Uri = endpoint.parse()?;
    let scheme = uri
        .scheme_str()
        .ok_or_else(|| anyhow::anyhow!("no scheme"))?;
    let host = uri.host().ok_or_else(|| anyhow::anyhow!("no host"))?;
    let default = match scheme {
        "https" => 443,
        "http" => 80,
        _ => 0,
    };
    Ok(match uri.port_u16() {
        Some(port) if port != default => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// `Retry-After` in ms from `now`: seconds (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00
/// GMT`); a date past is no wait.
pub(super) fn retry_after_ms(value: &str, now: std::time::SystemTime) -> Option<u64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs.saturating_mul(1000));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(now)
            .map_or(0, |wait| wait.as_millis() as u64),
    )
}

/// The notification as the service worker shows it; `short` leaves the text out (after a 413).
fn payload(record: &Record, short: bool) -> Vec<u8> {
    let header = Markup::parse(&record.header).text();
    let text = Markup::parse(&record.text).text();
    let (title, body) = if header.is_empty() {
        (text, String::new())
    } else {
        (header, text)
    };
    let url = record
        .call
        .as_ref()
        .and_then(|c| c.click_link.clone())
        .or_else(|| record.link.clone())
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .unwrap_or_else(|| format!("/?entry={}", urlencode(&record.id)));
    let cut = |s: String, max: usize| -> String {
        if s.len() <= max {
            return s;
        }
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    };
    let payload = Payload {
        id: &record.id,
        title: cut(title, if short { 100 } else { 300 }),
        body: if short {
            String::new()
        } else {
            cut(body, MAX_PAYLOAD - 800)
        },
        url,
    };
    serde_json::to_vec(&payload).expect("a payload serializes")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use super::{origin, retry_after_ms};

    #[test]
    fn the_audience_keeps_a_port_that_is_not_the_default() {
        assert_eq!(
            origin("http://push.test:8443/p/1").unwrap(),
            "http://push.test:8443"
        );
        assert_eq!(
            origin("https://fcm.googleapis.com/fcm/send/x").unwrap(),
            "https://fcm.googleapis.com"
        );
        assert_eq!(
            origin("https://push.test:443/x").unwrap(),
            "https://push.test"
        );
    }

    #[test]
    fn retry_after_in_both_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(1_796_464_800); // Sat, 05 Dec 2026 10:00:00 GMT
        assert_eq!(retry_after_ms("3", now), Some(3_000));
        assert_eq!(
            retry_after_ms("Sat, 05 Dec 2026 10:00:04 GMT", now),
            Some(4_000)
        );
        assert_eq!(
            retry_after_ms("Sat, 05 Dec 2026 09:00:00 GMT", now),
            Some(0)
        );
        assert_eq!(retry_after_ms("later", SystemTime::now()), None);
    }
}
