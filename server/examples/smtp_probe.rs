//! Probe: 300 emails over one SMTP connection, with and without TCP_NODELAY.
use lettre::address::Envelope;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap().parse()?;
    for nodelay in [false, true] {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        tcp.set_nodelay(nodelay)?;
        let mut conn = AsyncSmtpConnection::connect_with_transport(
            Box::new(tcp),
            &ClientId::Domain("probe".into()),
        )
        .await?;
        let envelope = Envelope::new(Some("a@x.example".parse()?), vec!["b@y.example".parse()?])?;
        let body = b"Subject: hi\r\nFrom: a@x.example\r\nTo: b@y.example\r\n\r\nhello\r\n";
        let started = Instant::now();
        for _ in 0..300 {
            conn.send(&envelope, body).await?;
        }
        let s = started.elapsed().as_secs_f64();
        println!(
            "nodelay={nodelay}: {:.1} ms per email, {:.0}/s",
            s * 1000.0 / 300.0,
            300.0 / s
        );
        let _ = conn.quit().await;
    }
    Ok(())
}
