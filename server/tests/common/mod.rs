//! The server's test harness: the real `amocrm-notify-server` binary started on 127.0.0.1 against a
//! fresh database (a SQLite file in a temporary folder, or a new database in the PostgreSQL cluster
//! that `scripts/test` starts and names in `AMOCRM_NOTIFY_TEST_POSTGRES`), and an HTTP client that
//! speaks to it as the app does.
#![allow(dead_code)] // each test binary uses its own part of the harness

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use amocrm_notify_protocol::sse::SseParser;
use amocrm_notify_server::token;
use futures_util::StreamExt;
use serde_json::{json, Value};
use sqlx::Connection;

pub const SECRET: &str = "test-secret-acme";
pub const OTHER_SECRET: &str = "test-secret-globex";

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A fresh, empty database with the accounts `acme` and `globex`.
pub struct Database {
    pub url: String,
    dir: PathBuf,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn scratch_dir() -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("amocrm-notify-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Database {
    pub async fn new(db: Db) -> Database {
        let dir = scratch_dir();
        let url = match db {
            Db::Sqlite => format!("sqlite://{}/test.sqlite?mode=rwc", dir.display()),
            Db::Postgres => {
                let admin = std::env::var("AMOCRM_NOTIFY_TEST_POSTGRES").expect(
                    "the PostgreSQL tests need a cluster: run them through scripts/test, or set \
                     AMOCRM_NOTIFY_TEST_POSTGRES to a postgres:// URL (scripts/postgres start DIR prints one)",
                );
                let name = format!(
                    "t{}_{}",
                    std::process::id(),
                    dir.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .rsplit('-')
                        .next()
                        .unwrap()
                );
                let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                let base = admin.rsplit_once('/').unwrap().0;
                format!("{base}/{name}")
            }
        };
        let database = Database { url, dir };
        database.cli(&[
            "account",
            "add",
            "acme",
            "--secret",
            SECRET,
            "--base-url",
            "https://acme.example",
        ]);
        database.cli(&["account", "add", "globex", "--secret", OTHER_SECRET]);
        database
    }

    /// Runs the binary's command line on this database; returns what it printed.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = cli(&self.url, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }
}

/// Runs the binary's command line on the database at `url`.
pub fn cli(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amocrm-notify-server"))
        .args(args)
        .env("AMOCRM_NOTIFY_DATABASE_URL", url)
        .output()
        .unwrap()
}

impl Drop for Database {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A server process.
pub struct Server {
    child: Option<Child>,
    pub base: String,
    url: String,
    args: Vec<String>,
    port: u16,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    pub async fn start(db: &Database, args: &[&str]) -> Server {
        Server::start_on(&db.url, args).await
    }

    /// A server on the database at `url`.
    pub async fn start_on(url: &str, args: &[&str]) -> Server {
        let mut server = Server {
            child: None,
            base: String::new(),
            url: url.to_owned(),
            args: args.iter().map(|s| s.to_string()).collect(),
            port: free_port(),
        };
        server.spawn().await;
        server
    }

    async fn spawn(&mut self) {
        self.base = format!("http://127.0.0.1:{}", self.port);
        let child = Command::new(env!("CARGO_BIN_EXE_amocrm-notify-server"))
            .arg("serve")
            .arg("--listen")
            .arg(format!("127.0.0.1:{}", self.port))
            .args(&self.args)
            .env("AMOCRM_NOTIFY_DATABASE_URL", &self.url)
            .env("AMOCRM_NOTIFY_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        let http = reqwest::Client::new();
        loop {
            if let Ok(r) = http.get(format!("{}/healthz", self.base)).send().await {
                if r.status().is_success() {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "the server did not come up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The process's id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// `kill -9`: no chance to flush or finish anything.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// Starts the same server again, on the same port.
    pub async fn restart(&mut self) {
        self.kill9();
        self.spawn().await;
    }

    /// A counter of this process's `/metrics`, by its name without the `amocrm_notify_` prefix.
    pub async fn metric(&self, name: &str) -> u64 {
        let text = self.anonymous().send("GET", "/metrics", None).await.body;
        let text = text.as_str().expect("metrics are text");
        let prefix = format!("amocrm_notify_{name} ");
        text.lines()
            .find_map(|line| line.strip_prefix(prefix.as_str()))
            .unwrap_or_else(|| panic!("no {name} in\n{text}"))
            .parse()
            .unwrap()
    }

    pub fn client(&self, account: &str, user: &str) -> Client {
        let secret = if account == "globex" {
            OTHER_SECRET
        } else {
            SECRET
        };
        self.client_with(token::sign(secret, account, user, Duration::from_secs(600)))
    }

    pub fn client_with(&self, token: String) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: Some(token),
        }
    }

    pub fn anonymous(&self) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: None,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// The JSON of an `add_error` post.
pub fn error_post(id: &str, text: &str) -> Value {
    json!({
        "id": id,
        "notification": {"v": 1, "id": id, "method": "add_error", "kind": "error",
            "header": "Error", "text": text, "date": 1_764_038_411_000u64},
        "channels": ["interface"]
    })
}

/// The JSON of an `add_call` post, dated `date` (milliseconds).
pub fn call_post(id: &str, date: u64) -> Value {
    json!({
        "id": id,
        "notification": {"v": 1, "id": id, "method": "add_call", "kind": "call",
            "header": "", "text": "Call from +1 (415) 523-7743", "date": date,
            "call": {"from": "Jeremy Watts", "to": "Jason Nash", "duration": 250,
                "element": {"type": "contact", "id": 18221265}}}
    })
}

/// A client of one person (or of nobody).
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

/// Posts `add_error`s with ids `<prefix>-0`, `-1`, … until the server stops answering (it was
/// killed); the ids it acknowledged, in order.
pub fn post_until_down(
    client: std::sync::Arc<Client>,
    prefix: String,
) -> tokio::task::JoinHandle<Vec<String>> {
    tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        for i in 0.. {
            let id = format!("{prefix}-{i}");
            let request = client
                .http
                .post(format!("{}/v1/notifications", client.base))
                .bearer_auth(client.token.as_ref().unwrap())
                .json(&error_post(&id, "x"));
            match request.send().await {
                Ok(r) if r.status().is_success() => acknowledged.push(id),
                _ => break,
            }
        }
        acknowledged
    })
}

/// An answer: the status, a header and the JSON body (Null when there is none).
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
    /// `WWW-Authenticate`, empty when absent.
    pub www_authenticate: String,
    pub body: Value,
}

impl Answer {
    /// The error's `field`, when the body is an error naming one.
    pub fn field(&self) -> Option<&str> {
        self.body["error"]["field"].as_str()
    }
}

impl Client {
    fn with_token(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// A marker in the person's stream: a change of preferences (which touches no entry) with a
    /// digest of minutes no other marker of this run has; its number, for [`Stream::until`].
    pub async fn marker(&self) -> u32 {
        static MARKERS: AtomicU32 = AtomicU32::new(0);
        let marker = 1 + MARKERS.fetch_add(1, Ordering::Relaxed) % 1440;
        let preferences = json!({
            "email": { "errors": false, "calls": false },
            "push": { "errors": false, "calls": false },
            "digest_minutes": marker,
        });
        let answer = self
            .send("PUT", "/v1/preferences", Some(&preferences))
            .await;
        assert_eq!(answer.status, 200, "the marker: {}", answer.body);
        marker
    }

    pub async fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request =
            self.with_token(self.http.request(method, format!("{}{path}", self.base)));
        if let Some(body) = body {
            request = request.json(body);
        }
        answer(request.send().await.unwrap()).await
    }

    /// A request with this `Authorization` header as it is, rather than the client's token.
    pub async fn send_with_authorization(
        &self,
        authorization: &str,
        method: &str,
        path: &str,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("authorization", authorization);
        answer(request.send().await.unwrap()).await
    }

    pub async fn raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Answer {
        let request = self
            .with_token(self.http.post(format!("{}{path}", self.base)))
            .header("content-type", content_type)
            .body(body);
        answer(request.send().await.unwrap()).await
    }

    /// `POST /v1/notifications` of a notification the person does not have yet: answered 201.
    pub async fn post_new(&self, body: &Value) {
        let answer = self.post(body).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
    }

    pub async fn post(&self, body: &Value) -> Answer {
        self.send("POST", "/v1/notifications", Some(body)).await
    }

    /// `POST /v1/notifications/{change}` (`read-all`, `clear-read`) with `body`: its filter, its
    /// `at`.
    pub async fn change_all(&self, change: &str, body: Value) -> Answer {
        let path = format!("/v1/notifications/{change}");
        self.send("POST", &path, Some(&body)).await
    }

    /// `POST /v1/notifications/read`: marks `ids` read (or unread).
    pub async fn read(&self, ids: &[&str], read: bool) -> Answer {
        let body = json!({ "ids": ids, "read": read });
        self.send("POST", "/v1/notifications/read", Some(&body))
            .await
    }

    /// `GET path` with one more header: the field `field` of its JSON answer.
    pub async fn get_with_header(&self, path: &str, header: (&str, &str), field: &str) -> Value {
        let request = self
            .with_token(self.http.get(format!("{}{path}", self.base)))
            .header(header.0, header.1);
        answer(request.send().await.unwrap()).await.body[field].clone()
    }

    /// Every entry of the person's history, newest first, through all pages.
    /// The ids of every entry of the person's history.
    pub async fn stored_ids(&self) -> std::collections::HashSet<String> {
        let history = self.history("all").await;
        history
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    }

    pub async fn history(&self, filter: &str) -> Vec<Value> {
        let mut entries = Vec::new();
        let mut before: Option<String> = None;
        loop {
            let mut path = format!("/v1/notifications?limit=500&filter={filter}");
            if let Some(b) = &before {
                path.push_str(&format!("&before={}", urlencode(b)));
            }
            let page = self.send("GET", &path, None).await;
            assert_eq!(page.status, 200, "{}", page.body);
            entries.extend(page.body["entries"].as_array().unwrap().iter().cloned());
            match page.body["next"].as_str() {
                Some(next) => before = Some(next.to_owned()),
                None => return entries,
            }
        }
    }

    /// Opens the person's stream after `last` (none: from now).
    pub async fn stream(&self, last: Option<u64>) -> Stream {
        let mut request = self.with_token(self.http.get(format!("{}/v1/stream", self.base)));
        if let Some(last) = last {
            request = request.header("last-event-id", last.to_string());
        }
        let response = request.send().await.unwrap();
        Stream {
            status: response.status().as_u16(),
            body: Box::pin(response.bytes_stream().map(|b| b.map(|b| b.to_vec()))),
            parser: SseParser::default(),
            ready: Default::default(),
        }
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let www_authenticate = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Answer {
        status,
        retry_after,
        www_authenticate,
        body,
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One Server-Sent Event.
#[derive(Clone, Debug, PartialEq)]
pub struct SseEvent {
    pub id: Option<u64>,
    pub event: String,
    pub data: Value,
}

type ByteStream =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<Vec<u8>>> + Send>>;

pub struct Stream {
    pub status: u16,
    body: ByteStream,
    parser: SseParser,
    ready: std::collections::VecDeque<SseEvent>,
}

impl Stream {
    /// The next event (heartbeat comments skipped), or None if none comes within `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            match tokio::time::timeout_at(deadline, self.body.next()).await {
                Ok(Some(Ok(bytes))) => {
                    let events = self.parser.feed(&bytes).into_iter().map(|e| SseEvent {
                        id: e.id.and_then(|id| id.parse().ok()),
                        event: e.name,
                        data: serde_json::from_str(&e.data).unwrap(),
                    });
                    self.ready.extend(events);
                }
                _ => return None,
            }
        }
    }

    /// Every event before a marker: `person` (this stream's) sets one with [`Client::marker`],
    /// and the server appends its event after every event before it. The events up to the
    /// marker are all that came; none is left to arrive late.
    pub async fn until_marker(&mut self, person: &Client) -> Vec<SseEvent> {
        let marker = person.marker().await;
        self.until(marker).await
    }

    /// Every event before the marker `marker` (see [`Client::marker`]).
    pub async fn until(&mut self, marker: u32) -> Vec<SseEvent> {
        let mut events = Vec::new();
        loop {
            let event = self
                .next(Duration::from_secs(10))
                .await
                .expect("the marker arrives within 10 s");
            if event.event == "preferences" && event.data["preferences"]["digest_minutes"] == marker
            {
                return events;
            }
            events.push(event);
        }
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::common::Db::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::common::Db::Postgres).await })*
        }
    };
}
