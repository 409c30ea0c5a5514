//! The server's benchmarks, run by `scripts/bench` against the real binary on 127.0.0.1 (built
//! with `--profile server`, beside this example):
//!
//! - notifications accepted per second on SQLite and on PostgreSQL, with the ceiling beside each:
//!   the same rows written with the same durability by a bare loop through the store (no HTTP, no
//!   token, no JSON), at the same concurrency;
//! - accept-to-stream latency, p50 and p99, on one process and across two (PostgreSQL);
//! - catching up 10,000 missed events;
//! - the server's memory with 10,000 open streams.
//!
//! PostgreSQL comes from `BENCH_POSTGRES` (a cluster's admin URL; scripts/bench starts one).
//! Prints a table and writes `target/bench/server.json`.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use amocrm_notify_protocol::{Delivery, Record};
use amocrm_notify_server::store::Store;
use amocrm_notify_server::token;
use futures_util::StreamExt;
use serde_json::json;
use sqlx::Connection;

const SECRET: &str = "bench-secret";
/// Posts per throughput run, and their concurrency.
const POSTS: usize = 10_000;
const WORKERS: usize = 32;
const PEOPLE: usize = 64;

fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let postgres = std::env::var("BENCH_POSTGRES").ok();
    let mut figures = serde_json::Map::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut note = |key: &str, label: String, value: serde_json::Value, shown: String| {
        figures.insert(key.into(), value);
        rows.push((label, shown));
    };

    for (name, url) in [
        ("sqlite", Some(sqlite_url("throughput")?)),
        (
            "postgres",
            match &postgres {
                Some(admin) => Some(pg_database(admin, "bench_throughput").await?),
                None => None,
            },
        ),
    ] {
        let Some(url) = url else {
            eprintln!("BENCH_POSTGRES is not set: the PostgreSQL figures are skipped");
            continue;
        };
        let served = accept_rate_over_http(&url).await?;
        let ceiling_url = match name {
            "sqlite" => sqlite_url("ceiling")?,
            _ => pg_database(postgres.as_deref().unwrap(), "bench_ceiling").await?,
        };
        let ceiling = accept_rate_bare(&ceiling_url).await?;
        note(
            &format!("accepted_per_second_{name}"),
            format!("accepted per second, {name} ({WORKERS} clients)"),
            json!({ "served": served, "ceiling": ceiling, "ratio": served / ceiling }),
            format!(
                "{served:.0} /s (ceiling {ceiling:.0} /s, {:.0}%)",
                100.0 * served / ceiling
            ),
        );
    }

    let (p50, p99) = latency(&sqlite_url("latency")?, false).await?;
    note(
        "latency_one_process_ms",
        "accept to stream, one process (SQLite), p50 / p99".into(),
        json!({ "p50": p50, "p99": p99 }),
        format!("{p50:.1} / {p99:.1} ms"),
    );
    if let Some(admin) = &postgres {
        let (p50, p99) = latency(&pg_database(admin, "bench_latency").await?, true).await?;
        note(
            "latency_across_processes_ms",
            "accept to stream, across two processes (PostgreSQL), p50 / p99".into(),
            json!({ "p50": p50, "p99": p99 }),
            format!("{p50:.1} / {p99:.1} ms"),
        );
    }

    let catch_up = catch_up(&sqlite_url("catch-up")?).await?;
    note(
        "catch_up_10000_ms",
        "catch-up of 10,000 missed events (SQLite)".into(),
        json!(catch_up),
        format!("{catch_up:.0} ms"),
    );

    let (before, after) = memory_with_streams(&sqlite_url("streams")?, 10_000).await?;
    note(
        "memory_10000_streams_mb",
        "server memory (RSS), idle / with 10,000 open streams".into(),
        json!({ "idle": before, "streams": after }),
        format!(
            "{before:.1} / {after:.1} MB ({:.1} KB per stream)",
            (after - before) * 1024.0 / 10_000.0
        ),
    );

    println!("\n{:<72} measured", "figure");
    for (label, shown) in &rows {
        println!("{label:<72} {shown}");
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("server.json"),
        serde_json::to_string_pretty(&figures)?,
    )?;
    Ok(())
}

/// A fresh SQLite file for `name`.
fn sqlite_url(name: &str) -> anyhow::Result<String> {
    let dir =
        std::env::temp_dir().join(format!("amocrm-notify-bench-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(format!("sqlite://{}/bench.sqlite?mode=rwc", dir.display()))
}

/// A fresh database `name` in the cluster at `admin`.
async fn pg_database(admin: &str, name: &str) -> anyhow::Result<String> {
    let mut conn = sqlx::PgConnection::connect(admin).await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut conn)
    .await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    Ok(format!("{}/{name}", admin.rsplit_once('/').unwrap().0))
}

fn binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("the example's path");
    exe.parent()
        .and_then(|examples| examples.parent())
        .expect("target/<profile>/examples")
        .join("amocrm-notify-server")
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start(url: &str, extra: &[&str]) -> anyhow::Result<Server> {
    // Started again on the same database: the account is there already.
    let _ = Command::new(binary())
        .args(["account", "add", "bench", "--secret", SECRET])
        .env("AMOCRM_NOTIFY_DATABASE_URL", url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(binary())
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--rate",
            "1000000",
            "--burst",
            "1000000",
        ])
        .args(extra)
        .env("AMOCRM_NOTIFY_DATABASE_URL", url)
        .env("AMOCRM_NOTIFY_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let http = reqwest::Client::new();
    for _ in 0..400 {
        if http
            .get(format!("{}/healthz", server.base))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    anyhow::bail!("the server did not come up")
}

fn person(n: usize) -> String {
    token::sign(
        SECRET,
        "bench",
        &format!("person-{n}"),
        Duration::from_secs(3600),
    )
}

fn record(id: &str) -> Record {
    serde_json::from_value(
        json!({"v": 1, "id": id, "method": "add_error", "kind": "error",
        "header": "Bench", "text": "Contact not found!", "date": 1_764_038_411_000u64,
        "link": "/contacts/list/?term=4951234567"}),
    )
    .expect("a record")
}

fn post_body(id: &str) -> serde_json::Value {
    json!({ "id": id, "notification": record(id), "channels": ["interface"] })
}

/// Notifications accepted per second over HTTP, `WORKERS` clients posting for `PEOPLE` people.
async fn accept_rate_over_http(url: &str) -> anyhow::Result<f64> {
    let server = start(url, &[]).await?;
    let tokens: Arc<Vec<String>> = Arc::new((0..PEOPLE).map(person).collect());
    let http = reqwest::Client::new();
    // Each person once, so the rows of the people exist before the clock starts, as in the ceiling.
    for token in tokens.iter() {
        http.get(format!("{}/v1/preferences", server.base))
            .bearer_auth(token)
            .send()
            .await?;
    }
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (http, tokens, next, base) = (
                http.clone(),
                tokens.clone(),
                next.clone(),
                server.base.clone(),
            );
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= POSTS {
                        return;
                    }
                    let id = format!("b-{n}");
                    let answer = http
                        .post(format!("{base}/v1/notifications"))
                        .bearer_auth(&tokens[n % PEOPLE])
                        .json(&post_body(&id))
                        .send()
                        .await
                        .expect("the server answers");
                    assert_eq!(answer.status(), 201);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    Ok(POSTS as f64 / started.elapsed().as_secs_f64())
}

/// The ceiling: the same rows through the store, with no HTTP, token or JSON.
async fn accept_rate_bare(url: &str) -> anyhow::Result<f64> {
    let store = Store::open(url, WORKERS as u32).await?;
    let account = store.add_account("bench", SECRET, None).await?;
    let mut people = Vec::new();
    for n in 0..PEOPLE {
        people.push(store.user(account.id, &format!("person-{n}")).await?.id);
    }
    let people = Arc::new(people);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (store, people, next) = (store.clone(), people.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= POSTS {
                        return;
                    }
                    let mut r = record(&format!("b-{n}"));
                    r.delivery = Delivery::Local;
                    store.accept(people[n % PEOPLE], &r).await.expect("stored");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    let rate = POSTS as f64 / started.elapsed().as_secs_f64();
    store.close().await;
    Ok(rate)
}

/// An open stream's events, as (id of the entry, when it arrived).
fn entry_events(
    response: reqwest::Response,
) -> tokio::sync::mpsc::UnboundedReceiver<(String, Instant)> {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut body = response.bytes_stream();
        let mut buffer = String::new();
        while let Some(Ok(bytes)) = body.next().await {
            let at = Instant::now();
            buffer.push_str(&String::from_utf8_lossy(&bytes));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                if let Some(data) = block.lines().find_map(|l| l.strip_prefix("data: ")) {
                    if let Ok(event) = serde_json::from_str::<serde_json::Value>(data) {
                        if let Some(id) = event["entry"]["id"].as_str() {
                            let _ = sender.send((id.to_owned(), at));
                        }
                    }
                }
            }
        }
    });
    receiver
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Accept-to-stream latency over 500 posts: the post on one process, the stream on the same one
/// or (`across`) on a second process on the same database.
async fn latency(url: &str, across: bool) -> anyhow::Result<(f64, f64)> {
    let poster = start(url, &[]).await?;
    let second = if across {
        Some(start(url, &[]).await?)
    } else {
        None
    };
    let streamer = second.as_ref().unwrap_or(&poster);
    let token = person(0);
    let http = reqwest::Client::new();
    let stream = http
        .get(format!("{}/v1/stream", streamer.base))
        .bearer_auth(&token)
        .send()
        .await?;
    let mut events = entry_events(stream);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut samples = Vec::new();
    for n in 0..500 {
        let id = format!("l-{n}");
        let sent = Instant::now();
        let answer = http
            .post(format!("{}/v1/notifications", poster.base))
            .bearer_auth(&token)
            .json(&post_body(&id))
            .send()
            .await?;
        anyhow::ensure!(answer.status() == 201, "post {n}: {}", answer.status());
        let (got, at) = tokio::time::timeout(Duration::from_secs(5), events.recv())
            .await?
            .expect("the stream");
        anyhow::ensure!(got == id, "events out of order: {got} for {id}");
        samples.push(at.duration_since(sent).as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    samples.sort_by(f64::total_cmp);
    Ok((percentile(&samples, 0.5), percentile(&samples, 0.99)))
}

/// Milliseconds for a stream that was away to receive 10,000 events it missed.
async fn catch_up(url: &str) -> anyhow::Result<f64> {
    let server = start(url, &[]).await?;
    let token = Arc::new(person(0));
    let http = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (http, token, next, base) = (
                http.clone(),
                token.clone(),
                next.clone(),
                server.base.clone(),
            );
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= 10_000 {
                        return;
                    }
                    http.post(format!("{base}/v1/notifications"))
                        .bearer_auth(&*token)
                        .json(&post_body(&format!("c-{n}")))
                        .send()
                        .await
                        .expect("posted");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    let started = Instant::now();
    let stream = http
        .get(format!("{}/v1/stream", server.base))
        .bearer_auth(&*token)
        .header("last-event-id", "0")
        .send()
        .await?;
    let mut events = entry_events(stream);
    for _ in 0..10_000 {
        tokio::time::timeout(Duration::from_secs(30), events.recv())
            .await?
            .expect("the stream");
    }
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

fn rss_mb(pid: u32) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0.0);
    Ok(kb / 1024.0)
}

/// The server's resident memory idle, and with `streams` streams open (50 people, each with many).
async fn memory_with_streams(url: &str, streams: usize) -> anyhow::Result<(f64, f64)> {
    let people = 50;
    let server = start(
        url,
        &["--streams-per-person", &(streams / people + 1).to_string()],
    )
    .await?;
    let tokens: Vec<String> = (0..people).map(person).collect();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()?;
    for token in &tokens {
        http.get(format!("{}/v1/preferences", server.base))
            .bearer_auth(token)
            .send()
            .await?;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_mb(server.child.id())?;
    let mut open = Vec::with_capacity(streams);
    for n in 0..streams {
        let response = http
            .get(format!("{}/v1/stream", server.base))
            .bearer_auth(&tokens[n % people])
            .send()
            .await?;
        anyhow::ensure!(
            response.status().is_success(),
            "stream {n}: {}",
            response.status()
        );
        open.push(response);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let with_streams = rss_mb(server.child.id())?;
    drop(open);
    Ok((idle, with_streams))
}
