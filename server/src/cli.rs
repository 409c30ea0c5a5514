//! The command line: `serve` (the default), and the operator's commands for accounts, people and
//! development tokens.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::serve::{self, Settings};
use crate::store::Store;
use crate::token;

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

    pub async fn open(&self, max_connections: u32) -> anyhow::Result<Store> {
        Store::open(&self.url()?, max_connections).await
    }
}

impl Cli {
    pub async fn run(self) -> anyhow::Result<()> {
        let command = self
            .command
            .unwrap_or_else(|| Command::Serve(Settings::defaults()));
        if let Command::Serve(settings) = command {
            return serve::run(self.database, settings).await;
        }
        let store = self.database.open(2).await?;
        let result = run_admin(&store, command).await;
        store.close().await;
        result
    }
}

async fn run_admin(store: &Store, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(_) => unreachable!("handled by Cli::run"),
        Command::Account(AccountCommand::Add {
            name,
            secret,
            base_url,
        }) => {
            let secret = secret.unwrap_or_else(token::new_secret);
            store
                .add_account(&name, &secret, base_url.as_deref())
                .await
                .with_context(|| format!("adding the account {name:?} (is the name taken?)"))?;
            println!("{secret}");
        }
        Command::Account(AccountCommand::List) => {
            for account in store.accounts().await? {
                println!("{}\t{}", account.name, account.base_url.unwrap_or_default());
            }
        }
        Command::User {
            account,
            user,
            email,
        } => {
            let account = known_account(store, &account).await?;
            let user = store.user(account.id, &user).await?;
            store.set_email(user.id, email.as_deref()).await?;
            println!("{}", user.name);
        }
        Command::DeadLetters(DeadLetterCommand::List) => {
            for letter in store.dead_letters(10_000).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{:?}\t{}\t{}",
                    letter.id,
                    letter.account,
                    letter.user,
                    letter.entry_id,
                    letter.channel,
                    letter.attempts,
                    letter.error
                );
            }
        }
        Command::DeadLetters(DeadLetterCommand::Requeue { ids, all }) => {
            anyhow::ensure!(
                all || !ids.is_empty(),
                "name the dead letters to requeue, or --all"
            );
            let requeued = store.requeue((!all).then_some(ids.as_slice())).await?;
            println!("{requeued}");
        }
        Command::Token {
            account,
            user,
            hours,
        } => {
            let account = known_account(store, &account).await?;
            let ttl = Duration::from_secs(hours * 3600);
            println!(
                "{}",
                token::sign(&account.secret, &account.name, &user, ttl)
            );
        }
    }
    Ok(())
}

async fn known_account(store: &Store, name: &str) -> anyhow::Result<crate::store::Account> {
    store
        .account(name)
        .await?
        .with_context(|| format!("there is no account {name:?} (add it with `account add {name}`)"))
}
