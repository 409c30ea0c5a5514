//! Counters for `/metrics`, in Prometheus's text format.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub(crate) struct Metrics {
    pub accepted: AtomicU64,
    pub repeated: AtomicU64,
    pub refused: AtomicU64,
    pub unauthorized: AtomicU64,
    pub rate_limited: AtomicU64,
    pub events_sent: AtomicU64,
    pub streams_opened: AtomicU64,
    pub emails_sent: AtomicU64,
    pub pushes_sent: AtomicU64,
}

impl Metrics {
    pub(crate) fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text; `open_streams` is a gauge read at the time.
    pub(crate) fn render(&self, open_streams: usize) -> String {
        let mut out = String::new();
        let mut counter = |name: &str, help: &str, value: &AtomicU64| {
            let _ = writeln!(out, "# HELP amocrm_notify_{name} {help}");
            let _ = writeln!(out, "# TYPE amocrm_notify_{name} counter");
            let _ = writeln!(
                out,
                "amocrm_notify_{name} {}",
                value.load(Ordering::Relaxed)
            );
        };
        counter(
            "notifications_accepted_total",
            "New notifications stored.",
            &self.accepted,
        );
        counter(
            "notifications_repeated_total",
            "Posts of an id already stored, answered as the first.",
            &self.repeated,
        );
        counter(
            "requests_refused_total",
            "Requests refused as invalid (4xx other than 401 and 429).",
            &self.refused,
        );
        counter(
            "requests_unauthorized_total",
            "Requests without a valid token.",
            &self.unauthorized,
        );
        counter(
            "requests_rate_limited_total",
            "Requests answered 429.",
            &self.rate_limited,
        );
        counter(
            "stream_events_sent_total",
            "Events written to streams.",
            &self.events_sent,
        );
        counter(
            "streams_opened_total",
            "Streams opened.",
            &self.streams_opened,
        );
        counter(
            "emails_sent_total",
            "Emails this process handed to the SMTP server (a digest is one).",
            &self.emails_sent,
        );
        counter(
            "pushes_sent_total",
            "Push messages this process handed to a push service.",
            &self.pushes_sent,
        );
        let _ = writeln!(
            out,
            "# HELP amocrm_notify_streams_open Streams open in this process."
        );
        let _ = writeln!(out, "# TYPE amocrm_notify_streams_open gauge");
        let _ = writeln!(out, "amocrm_notify_streams_open {open_streams}");
        out
    }
}
