//! Parses the command line and runs what it asks for: the server (`serve.rs`), one of the
//! operator's commands (`commands.rs`), or printing the API's document; the options are in
//! `config.rs`.

use amocrm_notify_server::config::{Cli, Command, Settings};
use amocrm_notify_server::{commands, serve};
use clap::Parser;

fn main() -> anyhow::Result<()> {
    let Cli { database, command } = Cli::parse();
    let command = command.unwrap_or_else(|| Command::Serve(Settings::defaults()));
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async move {
            match command {
                Command::Serve(settings) => serve::run(database, settings).await,
                Command::Admin(command) => commands::run(&database, command).await,
                Command::Openapi => {
                    print!("{}", amocrm_notify_server::openapi_json());
                    Ok(())
                }
            }
        })
}
