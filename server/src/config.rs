//! The command line and the server's configuration: what `serve` (the default) and the operator's
//! commands take, their defaults and environment variables, and where the database is. Running
//! them is `serve.rs`'s and `commands.rs`'s.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::db::Db;

#[derive(Parser)]
#[command(
    name = "amocrm-notify-server",
    version,
    about = "The account's server for amocrm-notify"
)]
pub struct Cli {
    #[command(flatten)]
    pub database: Database,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Clone)]
pub struct Database {
    /// `sqlite://path` or `postgres://…`; by default a SQLite file in the data folder.
    #[arg(long, env = "AMOCRM_NOTIFY_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Where the SQLite database (and later the VAPID keys) live.
    #[arg(
        long,
        env = "AMOCRM_NOTIFY_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,
}

#[derive(Subcommand)]
pub enum Command {
    /// Runs the server (what no command does too).
    Serve(Settings),
    /// Prints the API's OpenAPI 3.1 document, as `GET /v1/openapi.json` serves it.
    Openapi,
    #[command(flatten)]
    Admin(AdminCommand),
}

/// The operator's commands, run against the database and done.
#[derive(Subcommand)]
pub enum AdminCommand {
    /// Adds, lists the accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Adds a person to an account, with the address their email goes to.
    User {
        account: String,
        user: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Lists or requeues dead letters: deliveries that failed for good.
    #[command(subcommand)]
    DeadLetters(DeadLetterCommand),
    /// Prints a token for a person, signed with the account's secret: for development and scripts.
    Token {
        account: String,
        user: String,
        /// How long the token is valid, in hours.
        #[arg(long, default_value_t = 24)]
        hours: u64,
    },
}

#[derive(Subcommand)]
pub enum DeadLetterCommand {
    /// Lists them, newest first: id, account, person, notification, channel, attempts, reason.
    List,
    /// Puts them back in the queue: those ids, or all with --all.
    Requeue {
        ids: Vec<i64>,
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
}

#[derive(Subcommand)]
pub enum AccountCommand {
    /// Adds an account and prints its secret (give it to the account's backend).
    Add {
        name: String,
        /// The secret to use; a random one by default.
        #[arg(long)]
        secret: Option<String>,
        /// The account's address, for absolute links in emails (`https://acme.amocrm.ru`).
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Lists the accounts.
    List,
}

impl Database {
    pub fn url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("creating the data folder {}", self.data_dir.display()))?;
        let file = self.data_dir.join("amocrm-notify.sqlite");
        Ok(format!("sqlite://{}?mode=rwc", file.display()))
    }

    pub async fn open(&self, max_connections: u32) -> anyhow::Result<Db> {
        Db::open(&self.url()?, max_connections).await
    }
}

/// The sender of emails when none is given.
const MAIL_FROM: &str = "amocrm-notify <notify@localhost>";
/// The contact in the VAPID signature when none is given.
const PUSH_CONTACT: &str = "mailto:notify@localhost";

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
    #[arg(long, env = "AMOCRM_NOTIFY_MAIL_FROM", default_value = MAIL_FROM)]
    pub mail_from: String,
    /// Serve /dev/mail: every kept email, as its person would see it (development only).
    #[arg(long, env = "AMOCRM_NOTIFY_DEV_MAIL")]
    pub dev_mail: bool,
    /// The contact in the VAPID signature (`mailto:` or `https:`), for push services to reach you.
    #[arg(long, env = "AMOCRM_NOTIFY_PUSH_CONTACT", default_value = PUSH_CONTACT)]
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
