//! Per-person rate limits: a token bucket for each person in this process. A person past their
//! limit gets 429 with the seconds to wait in `Retry-After`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone)]
pub(crate) struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Arc<Mutex<HashMap<i64, Bucket>>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub(crate) fn new(per_second: f64, burst: f64) -> Self {
        RateLimiter {
            per_second,
            burst: burst.max(1.0),
            buckets: Arc::default(),
        }
    }

    /// Takes one request from the person's bucket, or says how long until one is free.
    pub(crate) fn take(&self, user_id: i64) -> Result<(), Duration> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("rate lock");
        if buckets.len() > 100_000 {
            // Forget people whose buckets have refilled: they would start full anyway.
            let full = self.burst / self.per_second;
            buckets.retain(|_, b| now.duration_since(b.at).as_secs_f64() < full);
        }
        let bucket = buckets.entry(user_id).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.per_second,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let limiter = RateLimiter::new(1.0, 3.0);
        for _ in 0..3 {
            assert!(limiter.take(7).is_ok());
        }
        let wait = limiter.take(7).unwrap_err();
        assert!(
            wait > Duration::from_millis(900) && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        assert!(limiter.take(8).is_ok(), "each person has their own bucket");
    }
}
