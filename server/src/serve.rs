//! Running the server: the background work (LISTEN on PostgreSQL, pruning old events)
//! and the listener, until SIGTERM or Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tracing_subscriber::EnvFilter;

use crate::config::{Database, LogFormat, Settings};
use crate::db::{now_ms, Backend, Db};
use crate::directory::Directory;
use crate::http::{self, ApiContext, Features, Limits};
use crate::jobs::{Mailer, Pusher, Retries, Worker};
use crate::metrics::Metrics;
use crate::rate::RateLimiter;
use crate::stream::Hub;

pub async fn run(database: Database, settings: Settings) -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_env("AMOCRM_NOTIFY_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match settings.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }

    let db = database
        .open(settings.db_connections)
        .await?
        .with_digest_unit(Duration::from_secs(settings.digest_minute_secs.max(1)));
    let wake_jobs = Arc::new(Notify::new());
    let pusher = Pusher::new(&db, &settings.push_contact).await?;
    let push_key = pusher.public_key.clone();
    let hub = Hub::default();
    if db.backend() == Backend::Postgres {
        tokio::spawn(hub.clone().listen(db.url().to_owned()));
    }
    tokio::spawn(prune_events(
        db.clone(),
        Duration::from_secs(settings.event_retention_hours * 3600),
    ));

    let limits = Limits {
        heartbeat: Duration::from_secs(settings.heartbeat_secs.max(1)),
        streams_per_person: settings.streams_per_person,
        read_timeout: Duration::from_secs(settings.read_timeout_secs.max(1)),
        ..Limits::default()
    };
    let read_timeout = limits.read_timeout;
    let metrics = Arc::new(Metrics::default());
    let worker = Arc::new(Worker {
        db: db.clone(),
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
        metrics: metrics.clone(),
    });
    tokio::spawn(worker.run());
    let ctx = ApiContext {
        db: db.clone(),
        directory: Directory::default(),
        hub,
        rate: RateLimiter::new(settings.rate, settings.burst),
        metrics,
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
        database = db.backend().name(),
        "amocrm-notify-server is listening"
    );
    http::serve(listener, http::router(ctx), read_timeout, shutdown_signal()).await;
    tracing::info!("shutting down");
    db.close().await;
    Ok(())
}

/// Drops events past their retention once an hour (and once at start-up).
async fn prune_events(db: Db, retention: Duration) {
    loop {
        let before = now_ms() - retention.as_millis() as i64;
        match db.prune_events(before).await {
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
