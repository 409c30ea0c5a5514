//! Running the server: its settings, the background work (LISTEN on PostgreSQL, pruning old events)
//! and the listener, until SIGTERM or Ctrl-C.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, ValueEnum};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tracing_subscriber::EnvFilter;

use crate::cli::Database;
use crate::directory::Directory;
use crate::http::{self, ApiContext, Features, Limits};
use crate::jobs::{Mailer, Pusher, Retries, Worker};
use crate::metrics::Metrics;
use crate::rate::RateLimiter;
use crate::store::{now_ms, Backend, Store};
use crate::stream::Hub;

#[derive(Args, Clone, Debug)]
pub struct Settings {
    /// The address to listen on.
    #[arg(long, env = "AMOCRM_NOTIFY_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Requests per second one person may make (a token bucket per person and process).
    #[arg(long, env = "AMOCRM_NOTIFY_RATE", default_value_t = 50.0)]
    pub rate: f64,
    /// Requests one person may make at once above the rate.
    #[arg(long, env = "AMOCRM_NOTIFY_BURST", default_value_t = 500.0)]
    pub burst: f64,
    /// Streams one person may hold open in one process.
    #[arg(long, env = "AMOCRM_NOTIFY_STREAMS_PER_PERSON", default_value_t = 16)]
    pub streams_per_person: usize,
    /// Seconds between heartbeats on an idle stream (a client that hears nothing for two of them
    /// takes the stream for dead and opens another).
    #[arg(long, env = "AMOCRM_NOTIFY_HEARTBEAT", default_value_t = 10)]
    pub heartbeat_secs: u64,
    /// How long events are kept for clients that reconnect, in hours; older ones get a reset.
    #[arg(long, env = "AMOCRM_NOTIFY_EVENT_RETENTION", default_value_t = 72)]
    pub event_retention_hours: u64,
    /// Seconds a client may take to send its request headers, and then its body.
    #[arg(long, env = "AMOCRM_NOTIFY_READ_TIMEOUT", default_value_t = 10)]
    pub read_timeout_secs: u64,
    /// Database connections this process may hold.
    #[arg(long, env = "AMOCRM_NOTIFY_DB_CONNECTIONS", default_value_t = 16)]
    pub db_connections: u32,
    /// The SMTP server email goes through: `smtp://user:pass@host:port` (plain, for a local relay),
    /// `smtp://…?tls=required` (STARTTLS) or `smtps://…` (TLS). Without one, mail is kept by the
    /// server (and shown on /dev/mail with --dev-mail).
    #[arg(long, env = "AMOCRM_NOTIFY_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// SMTP connections this process keeps open at most (each sends one email at a time).
    #[arg(long, env = "AMOCRM_NOTIFY_SMTP_MAX_CONNECTIONS", default_value_t = 8)]
    pub smtp_max_connections: usize,
    /// Emails a second this process sends at most, when the provider limits it (Amazon SES starts
    /// accounts at 14). Unlimited by default.
    #[arg(long, env = "AMOCRM_NOTIFY_SMTP_RATE")]
    pub smtp_rate: Option<f64>,
    /// The sender of emails.
    #[arg(
        long,
        env = "AMOCRM_NOTIFY_MAIL_FROM",
        default_value = "amocrm-notify <notify@localhost>"
    )]
    pub mail_from: String,
    /// Serve /dev/mail: every kept email, as its person would see it (development only).
    #[arg(long, env = "AMOCRM_NOTIFY_DEV_MAIL")]
    pub dev_mail: bool,
    /// The contact in the VAPID signature (`mailto:` or `https:`), for push services to reach you.
    #[arg(
        long,
        env = "AMOCRM_NOTIFY_PUSH_CONTACT",
        default_value = "mailto:notify@localhost"
    )]
    pub push_contact: String,
    /// Accept push subscriptions over plain http (a local push service, in tests); https otherwise.
    #[arg(long, env = "AMOCRM_NOTIFY_INSECURE_PUSH")]
    pub insecure_push: bool,
    /// The bearer token of the operator endpoints (/v1/admin/...); without one they are off.
    #[arg(long, env = "AMOCRM_NOTIFY_ADMIN_TOKEN")]
    pub admin_token: Option<String>,
    /// Seconds in a digest's "minute" (tests shorten it).
    #[arg(long, env = "AMOCRM_NOTIFY_DIGEST_MINUTE_SECS", default_value_t = 60)]
    pub digest_minute_secs: u64,
    /// Milliseconds before a failed delivery's first retry; each next waits twice as long.
    #[arg(long, env = "AMOCRM_NOTIFY_RETRY_BASE_MS", default_value_t = 15_000)]
    pub retry_base_ms: u64,
    /// Seconds a claimed delivery is its process's; a process killed while sending leaves it to
    /// be sent again after this.
    #[arg(long, env = "AMOCRM_NOTIFY_DELIVERY_LEASE", default_value_t = 60)]
    pub delivery_lease_secs: u64,
    /// `text` for people, `json` for log collectors.
    #[arg(long, env = "AMOCRM_NOTIFY_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

impl Settings {
    /// The settings of a bare `serve`: defaults and environment variables.
    pub fn defaults() -> Settings {
        use clap::FromArgMatches;
        let command = Settings::augment_args(clap::Command::new("serve"));
        Settings::from_arg_matches(&command.get_matches_from(["serve"]))
            .expect("the defaults parse")
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

pub async fn run(database: Database, settings: Settings) -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_env("AMOCRM_NOTIFY_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match settings.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }

    let store = database
        .open(settings.db_connections)
        .await?
        .with_digest_unit(Duration::from_secs(settings.digest_minute_secs.max(1)));
    let wake_jobs = Arc::new(Notify::new());
    let pusher = Pusher::new(&store, &settings.push_contact).await?;
    let push_key = pusher.public_key.clone();
    let hub = Hub::default();
    if store.backend() == Backend::Postgres {
        tokio::spawn(hub.clone().listen(store.url().to_owned()));
    }
    tokio::spawn(prune_events(
        store.clone(),
        Duration::from_secs(settings.event_retention_hours * 3600),
    ));

    let limits = Limits {
        heartbeat: Duration::from_secs(settings.heartbeat_secs.max(1)),
        streams_per_person: settings.streams_per_person,
        read_timeout: Duration::from_secs(settings.read_timeout_secs.max(1)),
        ..Limits::default()
    };
    let read_timeout = limits.read_timeout;
    let worker = Arc::new(Worker {
        store: store.clone(),
        hub: hub.clone(),
        mailer: Mailer::new(
            settings.smtp_url.as_deref(),
            &settings.mail_from,
            settings.smtp_max_connections,
            settings.smtp_rate,
        )?,
        pusher,
        retries: Retries {
            base_ms: settings.retry_base_ms.max(1) as i64,
            lease_ms: settings.delivery_lease_secs.max(1) as i64 * 1000,
            ..Retries::default()
        },
        wake: wake_jobs.clone(),
    });
    tokio::spawn(worker.run());
    let ctx = ApiContext {
        store: store.clone(),
        directory: Directory::default(),
        hub,
        rate: RateLimiter::new(settings.rate, settings.burst),
        metrics: Arc::new(Metrics::default()),
        limits: Arc::new(limits),
        jobs: wake_jobs,
        features: Arc::new(Features {
            push_key,
            insecure_push: settings.insecure_push,
            admin_token: settings.admin_token.clone(),
            dev_mail: settings.dev_mail && settings.smtp_url.is_none(),
        }),
    };
    let listener = TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("listening on {}", settings.listen))?;
    tracing::info!(
        address = %listener.local_addr()?,
        database = store.backend().name(),
        "amocrm-notify-server is listening"
    );
    http::serve(listener, http::router(ctx), read_timeout, shutdown_signal()).await;
    tracing::info!("shutting down");
    store.close().await;
    Ok(())
}

/// Drops events past their retention once an hour (and once at start-up).
async fn prune_events(store: Store, retention: Duration) {
    loop {
        let before = now_ms() - retention.as_millis() as i64;
        match store.prune_events(before).await {
            Ok(0) => {}
            Ok(dropped) => tracing::info!(dropped, "pruned old events"),
            Err(error) => tracing::warn!(%error, "pruning events failed"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
