//! Three server processes on one PostgreSQL database: sessions on different processes see each
//! other's changes, and killing one loses nothing.

mod common;

use std::time::Duration;

use common::{error_post, Database, Db, Server};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_processes_on_one_postgres() {
    let database = Database::new(Db::Postgres).await;
    let unlimited = ["--rate", "100000", "--burst", "100000"];
    let a = Server::start(&database, &unlimited).await;
    let b = Server::start(&database, &unlimited).await;
    let mut c = Server::start(&database, &unlimited).await;
    let wait = Duration::from_secs(5);

    let mut on_a = a.client("acme", "alice").stream(None).await;
    let mut on_b = b.client("acme", "alice").stream(None).await;
    let mut bob_on_a = a.client("acme", "bob").stream(None).await;

    // Posted through C, seen on A and B.
    let started = std::time::Instant::now();
    c.client("acme", "alice")
        .post_new(&error_post("x-1", "From C"))
        .await;
    for stream in [&mut on_a, &mut on_b] {
        let event = stream
            .next(wait)
            .await
            .expect("the entry reaches every process's streams");
        assert_eq!(event.data["entry"]["id"], "x-1");
    }
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "within a second: {:?}",
        started.elapsed()
    );

    // Read through B, seen on A.
    let read = b.client("acme", "alice").read(&["x-1"], true).await;
    assert_eq!(read.body["ids"], json!(["x-1"]));
    let event = on_a.next(wait).await.unwrap();
    assert_eq!(
        (event.event.as_str(), event.data["ids"].clone()),
        ("read", json!(["x-1"]))
    );
    // The marker: Bob's own change, through the third process; it is all that reaches Bob.
    let bobs_marker = c.client("acme", "bob").marker().await;
    assert!(
        bob_on_a.until(bobs_marker).await.is_empty(),
        "nothing of Alice's reaches Bob"
    );

    // C is killed while it takes posts; what it acknowledged is there, and the others go on.
    let sender =
        common::post_until_down(std::sync::Arc::new(c.client("acme", "alice")), "k".into());
    tokio::time::sleep(Duration::from_millis(1000)).await;
    c.kill9();
    let acknowledged = sender.await.unwrap();
    assert!(
        acknowledged.len() > 20,
        "C took {} before the kill",
        acknowledged.len()
    );

    // B's stream saw each of them exactly once, in order: every event before a marker set
    // through B after the kill (it may still be catching up; the marker comes after all of it).
    let events = on_b.until_marker(&b.client("acme", "alice")).await;

    // The history, read after the marker: a commit C sent just before it died may land a moment
    // after the kill (PostgreSQL finishes a COMMIT it received), and is then both stored and
    // streamed; read before it, it was streamed but not yet in the history.
    let alice_a = a.client("acme", "alice");
    let stored = alice_a.stored_ids().await;
    assert!(
        acknowledged.iter().all(|id| stored.contains(id)),
        "nothing acknowledged is lost"
    );
    let entries: Vec<&str> = events
        .iter()
        .filter(|e| e.event == "entry")
        .map(|e| e.data["entry"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        entries.len(),
        stored.len() - 1,
        "every entry C stored, once"
    );
    let ids: Vec<u64> = events.iter().map(|e| e.id.unwrap()).collect();
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "no gap, no repeat"
    );

    a.client("acme", "alice")
        .post_new(&error_post("after", "still here"))
        .await;
    assert_eq!(on_b.next(wait).await.unwrap().data["entry"]["id"], "after");
}
