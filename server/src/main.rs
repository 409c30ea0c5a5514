//! Parses the command line and runs what it asks for; see `cli.rs`.

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = amocrm_notify_server::cli::Cli::parse();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(cli.run())
}
