//! The server's benchmarks (`cargo bench --profile server --bench load`, which `scripts/bench`
//! runs), against the real binary on 127.0.0.1 built with the same profile:
//!
//! - notifications accepted per second on SQLite and on PostgreSQL, with the ceiling beside each:
//!   the same rows written with the same durability by a bare loop through `Db` (no HTTP, no
//!   token, no JSON), at the same concurrency;
//! - accept-to-stream latency, p50 and p99, on one process and across two (PostgreSQL);
//! - catching up 10,000 missed events;
//! - accept-to-mail-received and accept-to-push-decrypted latencies, against the test peers
//!   (`tests/peers/`: aiosmtpd, and the push stand-in that decrypts with http_ece);
//! - 10,000 notifications to 1,000 people, until every email has arrived; and 10,000 emails queued
//!   before the server starts, until every one has arrived (sending alone);
//! - the server's memory with 10,000 open streams.
//!
//! The databases and the server processes are the tests' (`tests/common`): a fresh SQLite file, or
//! a fresh database in the PostgreSQL cluster named by `AMOCRM_NOTIFY_TEST_POSTGRES` (scripts/bench
//! starts one). Prints a table and writes `target/bench/server.json`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use amocrm_notify_protocol::sse::SseParser;
use amocrm_notify_protocol::{Delivery, Record};
use amocrm_notify_server::db::Db;
use amocrm_notify_server::token;
use common::{Database, Db as Backend, Server};
use futures_util::StreamExt;
use serde_json::json;

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

/// 10,000 emails sent in `seconds`, against the `ceiling` (emails/s) of the server they went to:
/// the figure and how it reads.
fn emails_sent(seconds: f64, ceiling: f64) -> (serde_json::Value, String) {
    let rate = 10_000.0 / seconds;
    (
        json!({ "seconds": seconds, "per_second": rate, "of_ceiling": rate / ceiling }),
        format!(
            "{seconds:.1} s: {rate:.0} emails/s, {:.0}% of the ceiling",
            100.0 * rate / ceiling
        ),
    )
}

/// Sends `request`, and fails the benchmark unless it succeeds (`what` names it).
async fn succeeded(
    request: reqwest::RequestBuilder,
    what: &str,
) -> anyhow::Result<reqwest::Response> {
    let response = request.send().await?;
    anyhow::ensure!(
        response.status().is_success(),
        "{what}: {}",
        response.status()
    );
    Ok(response)
}

async fn run() -> anyhow::Result<()> {
    let postgres = std::env::var("AMOCRM_NOTIFY_TEST_POSTGRES").is_ok();
    let mut figures = serde_json::Map::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut note = |key: &str, label: String, value: serde_json::Value, shown: String| {
        figures.insert(key.into(), value);
        rows.push((label, shown));
    };

    if !postgres {
        eprintln!("AMOCRM_NOTIFY_TEST_POSTGRES is not set: the PostgreSQL figures are skipped");
    }
    let databases = [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")];
    let databases = &databases[..if postgres { 2 } else { 1 }];
    for &(db, name) in databases {
        let served = accept_rate_over_http(&Database::new(db).await.url).await?;
        let ceiling = accept_rate_bare(&Database::new(db).await.url).await?;
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

    let latencies = [
        (
            Backend::Sqlite,
            false,
            "latency_one_process_ms",
            "one process (SQLite)",
        ),
        (
            Backend::Postgres,
            true,
            "latency_across_processes_ms",
            "across two processes (PostgreSQL)",
        ),
    ];
    for &(db, across, key, what) in &latencies[..databases.len()] {
        let (p50, p99) = latency(&Database::new(db).await.url, across).await?;
        note(
            key,
            format!("accept to stream, {what}, p50 / p99"),
            json!({ "p50": p50, "p99": p99 }),
            format!("{p50:.1} / {p99:.1} ms"),
        );
    }

    let catch_up = catch_up(&Database::new(Backend::Sqlite).await.url).await?;
    note(
        "catch_up_10000_ms",
        "catch-up of 10,000 missed events (SQLite)".into(),
        json!(catch_up),
        format!("{catch_up:.0} ms"),
    );

    // Email: beside the sink's own ceiling, measured with a plain SMTP client in the same run.
    let ceiling = smtp_ceiling(Peer::Smtp)?;
    note(
        "smtp_sink_ceiling_per_second",
        "the SMTP sink's ceiling (Python smtplib, 8 connections)".into(),
        json!(ceiling),
        format!("{ceiling:.0} emails/s"),
    );
    for &(db, name) in databases {
        let fan_out = email_fan_out(&Database::new(db).await.url, Peer::Smtp, 1).await?;
        let (value, shown) = emails_sent(fan_out, ceiling);
        note(
            &format!("email_10000_to_1000_people_{name}"),
            format!("10,000 notifications to 1,000 people, accepted to all emailed ({name})"),
            value,
            shown,
        );
        let mail = Database::new(db).await;
        let (p50, p99) = delivery_latency(&mail.url, Peer::Smtp).await?;
        note(
            &format!("accept_to_mail_ms_{name}"),
            format!("accept to mail received at a steady 100/s ({name}, aiosmtpd), p50 / p99"),
            json!({ "p50": p50, "p99": p99 }),
            format!("{p50:.1} / {p99:.1} ms"),
        );
    }
    // The server's own rate: the same 10,000 into an SMTP server that only counts.
    let counter_ceiling = smtp_ceiling(Peer::Counter)?;
    note(
        "smtp_counter_ceiling_per_second",
        "a counting SMTP server's ceiling (Python smtplib, 8 connections)".into(),
        json!(counter_ceiling),
        format!("{counter_ceiling:.0} emails/s"),
    );
    // Posted (accepting and sending together), then sending alone (the accepts done before), each
    // on a fresh database; one process on SQLite, one and two on PostgreSQL.
    let mut runs = vec![("sqlite, 1 process", Backend::Sqlite, 1)];
    if postgres {
        runs.push(("postgres, 1 process", Backend::Postgres, 1));
        runs.push(("postgres, 2 processes", Backend::Postgres, 2));
    }
    for (label, db, processes) in runs {
        let slug = label.replace([',', ' '], "_");
        let posted = Database::new(db).await;
        let posted = email_fan_out(&posted.url, Peer::Counter, processes).await?;
        let queued = Database::new(db).await;
        let alone = email_drain(&queued.url, Peer::Counter, processes).await?;
        for (key, title, seconds) in [
            (
                "counted",
                "10,000 to 1,000 people into the counting server",
                posted,
            ),
            (
                "drained",
                "10,000 queued emails sent, from the server's start",
                alone,
            ),
        ] {
            let (value, shown) = emails_sent(seconds, counter_ceiling);
            note(
                &format!("email_10000_{key}_{slug}"),
                format!("{title} ({label})"),
                value,
                shown,
            );
        }
    }
    let (p50, p99) =
        delivery_latency(&Database::new(Backend::Sqlite).await.url, Peer::Push).await?;
    note(
        "accept_to_push_ms",
        "accept to push decrypted (SQLite, push stand-in), p50 / p99".into(),
        json!({ "p50": p50, "p99": p99 }),
        format!("{p50:.1} / {p99:.1} ms"),
    );

    let (before, after) =
        memory_with_streams(&Database::new(Backend::Sqlite).await.url, 10_000).await?;
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

/// A server process on the database at `url`, without the rate limit, with the account `bench`.
async fn start(url: &str, extra: &[&str]) -> anyhow::Result<Server> {
    // Started again on the same database: the account is there already.
    let _ = common::cli(url, &["account", "add", "bench", "--secret", SECRET]);
    let unlimited = ["--rate", "1000000", "--burst", "1000000"];
    Ok(Server::start_on(url, &[&unlimited[..], extra].concat()).await)
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
    let started = Instant::now();
    post_many(&server.base, tokens, POSTS, "b").await?;
    Ok(POSTS as f64 / started.elapsed().as_secs_f64())
}

/// Posts `count` notifications (ids `<prefix>-<n>`) from `WORKERS` clients at once, the `n`th
/// for the person of token `n % tokens.len()`; each must be accepted.
/// Posts the notification `id` as the person of `token`; an error unless it is accepted.
async fn post_one(http: &reqwest::Client, base: &str, token: &str, id: &str) -> anyhow::Result<()> {
    let answer = http
        .post(format!("{base}/v1/notifications"))
        .bearer_auth(token)
        .json(&post_body(id))
        .send()
        .await?;
    anyhow::ensure!(answer.status() == 201, "post {id}: {}", answer.status());
    Ok(())
}

async fn post_many(
    base: &str,
    tokens: Arc<Vec<String>>,
    count: usize,
    prefix: &str,
) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (http, tokens, next) = (http.clone(), tokens.clone(), next.clone());
            let (base, prefix) = (base.to_owned(), prefix.to_owned());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return anyhow::Ok(());
                    }
                    let token = &tokens[n % tokens.len()];
                    post_one(&http, &base, token, &format!("{prefix}-{n}")).await?;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await??;
    }
    Ok(())
}

/// The ceiling: the same rows through `Db`, with no HTTP, token or JSON.
async fn accept_rate_bare(url: &str) -> anyhow::Result<f64> {
    let db = Db::open(url, WORKERS as u32).await?;
    let account = db.add_account("bench", SECRET, None).await?;
    let mut people = Vec::new();
    for n in 0..PEOPLE {
        people.push(db.user(account.id, &format!("person-{n}")).await?.id);
    }
    let people = Arc::new(people);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (db, people, next) = (db.clone(), people.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= POSTS {
                        return;
                    }
                    let mut r = record(&format!("b-{n}"));
                    r.delivery = Delivery::Local;
                    db.accept(people[n % PEOPLE], &r).await.expect("stored");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    let rate = POSTS as f64 / started.elapsed().as_secs_f64();
    db.close().await;
    Ok(rate)
}

/// An open stream's events, as (id of the entry, when it arrived).
fn entry_events(
    response: reqwest::Response,
) -> tokio::sync::mpsc::UnboundedReceiver<(String, Instant)> {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut body = response.bytes_stream();
        let mut parser = SseParser::default();
        while let Some(Ok(bytes)) = body.next().await {
            let at = Instant::now();
            for event in parser.feed(&bytes) {
                if let Ok(event) = serde_json::from_str::<serde_json::Value>(&event.data) {
                    if let Some(id) = event["entry"]["id"].as_str() {
                        let _ = sender.send((id.to_owned(), at));
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
        post_one(&http, &poster.base, &token, &id).await?;
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
    let token = person(0);
    let http = reqwest::Client::new();
    post_many(&server.base, Arc::new(vec![token.clone()]), 10_000, "c").await?;
    let started = Instant::now();
    let stream = http
        .get(format!("{}/v1/stream", server.base))
        .bearer_auth(&token)
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

/// A Python peer of the server's tests (`server/tests/peers/`): it records what it receives.
#[derive(Clone, Copy, PartialEq)]
enum Peer {
    Smtp,
    /// An SMTP server that only counts (no parsing, no files per message).
    Counter,
    Push,
}

struct PeerProcess {
    child: Child,
    dir: std::path::PathBuf,
    port: u16,
}

impl Drop for PeerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Peer {
    fn start(self) -> anyhow::Result<PeerProcess> {
        use std::io::BufRead;
        let script = match self {
            Peer::Smtp => "smtp_sink.py",
            Peer::Counter => "smtp_counter.py",
            Peer::Push => "push_service.py",
        };
        let dir = std::env::temp_dir().join(format!(
            "amocrm-notify-bench-peer-{}-{script}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let python = std::env::var("AMOCRM_NOTIFY_PYTHON").unwrap_or_else(|_| "python3".into());
        let mut child = Command::new(python)
            .arg(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/peers")
                    .join(script),
            )
            .arg(&dir)
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("piped")).read_line(&mut line)?;
        anyhow::ensure!(
            line.starts_with("listening"),
            "{script} did not start (are its Python packages installed?)"
        );
        Ok(PeerProcess { child, dir, port })
    }
}

impl PeerProcess {
    /// How many emails the SMTP peer has taken.
    fn received(&self, peer: Peer) -> anyhow::Result<usize> {
        Ok(match peer {
            Peer::Counter => std::fs::read_to_string(self.dir.join("count"))
                .ok()
                .and_then(|count| count.trim().parse().ok())
                .unwrap_or(0),
            _ => std::fs::read_dir(&self.dir)?
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                })
                .count(),
        })
    }

    /// What the peer recorded: each file's JSON.
    fn records(&self) -> Vec<serde_json::Value> {
        std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| {
                        e.file_name().to_string_lossy().ends_with(".json")
                            && e.file_name() != "subscription.json"
                    })
                    .filter_map(|e| {
                        serde_json::from_str(&std::fs::read_to_string(e.path()).ok()?).ok()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn epoch_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Accept to received at the peer, over 300 notifications posted one after another: the peer
/// notes when each arrived (the same machine's clock).
async fn delivery_latency(url: &str, peer: Peer) -> anyhow::Result<(f64, f64)> {
    let process = peer.start()?;
    let smtp = format!(
        "smtp://127.0.0.1:{}",
        if peer == Peer::Smtp { process.port } else { 1 }
    );
    let server = start(url, &["--smtp-url", &smtp, "--insecure-push"]).await?;
    let added = common::cli(
        url,
        &[
            "user",
            "bench",
            "person-0",
            "--email",
            "person-0@bench.example",
        ],
    );
    anyhow::ensure!(added.status.success(), "adding the person");
    let http = reqwest::Client::new();
    let token = person(0);
    let on = peer == Peer::Smtp;
    let preferences = json!({"email": {"errors": on, "calls": on}, "push": {"errors": !on, "calls": !on}, "digest_minutes": 0});
    http.put(format!("{}/v1/preferences", server.base))
        .bearer_auth(&token)
        .json(&preferences)
        .send()
        .await?;
    if peer == Peer::Push {
        let subscription: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
            process.dir.join("subscription.json"),
        )?)?;
        let subscribe = http
            .post(format!("{}/v1/push/subscriptions", server.base))
            .bearer_auth(&token)
            .json(&subscription);
        succeeded(subscribe, "subscribing").await?;
    }
    let mut sent = std::collections::HashMap::new();
    for n in 0..300 {
        let id = format!("m-{n}");
        sent.insert(id.clone(), epoch_secs());
        post_one(&http, &server.base, &token, &id).await?;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let records = process.records();
        if records.len() >= 300 || Instant::now() > deadline {
            let mut samples: Vec<f64> = records
                .iter()
                .filter_map(|r| {
                    let id = match peer {
                        Peer::Smtp => r["message_id"]
                            .as_str()?
                            .trim_start_matches('<')
                            .split('.')
                            .next()?
                            .to_owned(),
                        Peer::Push | Peer::Counter => r["payload"]["id"].as_str()?.to_owned(),
                    };
                    Some((r["received_at"].as_f64()? - sent.get(&id)?) * 1000.0)
                })
                .collect();
            anyhow::ensure!(samples.len() == 300, "{} of 300 arrived", samples.len());
            samples.sort_by(f64::total_cmp);
            return Ok((percentile(&samples, 0.5), percentile(&samples, 0.99)));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Seconds from the first of 10,000 notifications (10 for each of 1,000 people with email on)
/// until the SMTP server (`peer`) has received all 10,000 emails; `processes` server processes on
/// the same database share the queue (the notifications are posted to the first).
/// 1,000 people with addresses and email on, written straight into the database; the database, open.
async fn email_people(url: &str) -> anyhow::Result<(Db, Vec<i64>)> {
    let db = Db::open(url, 4).await?;
    let account = db.add_account("bench", SECRET, None).await?;
    let preferences: amocrm_notify_protocol::http_api::Preferences = serde_json::from_value(
        json!({"email": {"errors": true, "calls": true}, "push": {"errors": false, "calls": false}, "digest_minutes": 0}),
    )?;
    let mut people = Vec::with_capacity(1000);
    for n in 0..1000 {
        let user = db.user(account.id, &format!("person-{n}")).await?;
        db.set_email(user.id, Some(&format!("person-{n}@bench.example")))
            .await?;
        db.set_preferences(user.id, &preferences).await?;
        people.push(user.id);
    }
    Ok((db, people))
}

/// Waits until `peer` has received `count` emails; the time since `started`.
async fn all_received(
    process: &PeerProcess,
    peer: Peer,
    count: usize,
    started: Instant,
) -> anyhow::Result<f64> {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let received = process.received(peer)?;
        if received >= count {
            return Ok(started.elapsed().as_secs_f64());
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "only {received} of {count} emails arrived"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// 10,000 notifications to 1,000 people posted to the server, until every email has arrived.
async fn email_fan_out(url: &str, peer: Peer, processes: usize) -> anyhow::Result<f64> {
    let process = peer.start()?;
    let (db, _) = email_people(url).await?;
    db.close().await;
    let smtp = format!("smtp://127.0.0.1:{}", process.port);
    let mut servers = Vec::with_capacity(processes);
    for _ in 0..processes {
        servers.push(start(url, &["--smtp-url", &smtp]).await?);
    }
    let tokens: Arc<Vec<String>> = Arc::new((0..1000).map(person).collect());
    let started = Instant::now();
    post_many(&servers[0].base, tokens, 10_000, "f").await?;
    all_received(&process, peer, 10_000, started).await
}

/// Sending alone: 10,000 emails to 1,000 people queued in the database before any server runs, then
/// the time from starting `processes` servers until every email has arrived.
async fn email_drain(url: &str, peer: Peer, processes: usize) -> anyhow::Result<f64> {
    let process = peer.start()?;
    let (db, people) = email_people(url).await?;
    for n in 0..10_000 {
        db.accept(people[n % people.len()], &record(&format!("d-{n}")))
            .await?;
    }
    db.close().await;
    let smtp = format!("smtp://127.0.0.1:{}", process.port);
    let started = Instant::now();
    let mut servers = Vec::with_capacity(processes);
    for _ in 0..processes {
        servers.push(start(url, &["--smtp-url", &smtp]).await?);
    }
    all_received(&process, peer, 10_000, started).await
}

/// A peer's ceiling: emails a second that a plain client (`tests/peers/smtp_ceiling.py`, Python's
/// smtplib on 8 persistent connections) gets into it, on this machine now.
fn smtp_ceiling(peer: Peer) -> anyhow::Result<f64> {
    let sink = peer.start()?;
    let python = std::env::var("AMOCRM_NOTIFY_PYTHON").unwrap_or_else(|_| "python3".into());
    let output = Command::new(python)
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers/smtp_ceiling.py"))
        .arg(sink.port.to_string())
        .args(["8", "4000"])
        .output()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.trim()
        .strip_prefix("ceiling ")
        .and_then(|rate| rate.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("smtp_ceiling.py printed {text:?}"))
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
    let idle = rss_mb(server.pid())?;
    let mut open = Vec::with_capacity(streams);
    for n in 0..streams {
        let stream = http
            .get(format!("{}/v1/stream", server.base))
            .bearer_auth(&tokens[n % people]);
        open.push(succeeded(stream, &format!("stream {n}")).await?);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let with_streams = rss_mb(server.pid())?;
    drop(open);
    Ok((idle, with_streams))
}
