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
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};
use web_push_native::{p256, Auth, WebPushBuilder};

use super::Attempt;
use crate::store::{Store, Subscription};

/// The payload a service worker receives.
#[derive(Serialize)]
struct Payload<'a> {
    id: &'a str,
    title: String,
    body: String,
    /// Where a click goes: the entry's link, or the center at the entry.
    url: String,
}

/// What a push service takes at most (RFC 8030 services guarantee 4096 bytes of payload).
const MAX_PAYLOAD: usize = 3000;

pub struct Pusher {
    key_pair: ES256KeyPair,
    /// The application server key browsers subscribe with: the public key, uncompressed, base64url.
    pub public_key: String,
    contact: String,
    http: reqwest::Client,
}

impl Pusher {
    /// Loads the server's VAPID key pair, making it on first start.
    pub async fn new(store: &Store, contact: &str) -> anyhow::Result<Pusher> {
        let private = store
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
    pub async fn send(
        &self,
        store: &Store,
        subscription: &Subscription,
        record: &Record,
    ) -> Attempt {
        let builder = match self.builder(subscription) {
            Ok(builder) => builder,
            Err(why) => {
                let _ = store.drop_subscription(subscription.id).await;
                return Attempt::Refused(format!("the subscription cannot be used: {why}"));
            }
        };
        let builder = builder.with_vapid(&self.key_pair, &self.contact);
        let mut short = false;
        loop {
            let payload = payload(record, short);
            let request = match builder.build(payload) {
                Ok(request) => request,
                Err(e) => {
                    return Attempt::Refused(format!("the payload could not be encrypted: {e}"))
                }
            };
            let request = match reqwest::Request::try_from(request) {
                Ok(request) => request,
                Err(e) => return Attempt::Refused(format!("the push endpoint: {e}")),
            };
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
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(|secs| secs * 1000);
            return match status {
                200..=299 => Attempt::Sent,
                404 | 410 => {
                    let _ = store.drop_subscription(subscription.id).await;
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
