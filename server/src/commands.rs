//! The operator's commands: accounts, people, dead letters and development tokens.

use std::time::Duration;

use anyhow::Context;

use crate::config::{AccountCommand, AdminCommand, Database, DeadLetterCommand};
use crate::db::Db;
use crate::token;

/// Runs `command` against the database of `database`.
pub async fn run(database: &Database, command: AdminCommand) -> anyhow::Result<()> {
    let db = database.open(2).await?;
    let result = run_on(&db, command).await;
    db.close().await;
    result
}

async fn run_on(db: &Db, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::Account(AccountCommand::Add {
            name,
            secret,
            base_url,
        }) => {
            let secret = secret.unwrap_or_else(token::new_secret);
            db.add_account(&name, &secret, base_url.as_deref())
                .await
                .with_context(|| format!("adding the account {name:?} (is the name taken?)"))?;
            println!("{secret}");
        }
        AdminCommand::Account(AccountCommand::List) => {
            for account in db.accounts().await? {
                println!("{}\t{}", account.name, account.base_url.unwrap_or_default());
            }
        }
        AdminCommand::User {
            account,
            user,
            email,
        } => {
            let account = known_account(db, &account).await?;
            let user = db.user(account.id, &user).await?;
            db.set_email(user.id, email.as_deref()).await?;
            println!("{}", user.name);
        }
        AdminCommand::DeadLetters(DeadLetterCommand::List) => {
            for letter in db.dead_letters(10_000).await? {
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
        AdminCommand::DeadLetters(DeadLetterCommand::Requeue { ids, all }) => {
            anyhow::ensure!(
                all || !ids.is_empty(),
                "name the dead letters to requeue, or --all"
            );
            let requeued = db.requeue((!all).then_some(ids.as_slice())).await?;
            println!("{requeued}");
        }
        AdminCommand::Token {
            account,
            user,
            hours,
        } => {
            let account = known_account(db, &account).await?;
            let ttl = Duration::from_secs(hours * 3600);
            println!(
                "{}",
                token::sign(&account.secret, &account.name, &user, ttl)
            );
        }
    }
    Ok(())
}

async fn known_account(db: &Db, name: &str) -> anyhow::Result<crate::db::Account> {
    db.account(name)
        .await?
        .with_context(|| format!("there is no account {name:?} (add it with `account add {name}`)"))
}
