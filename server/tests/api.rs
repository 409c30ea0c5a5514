//! The API suite: every endpoint against the real server binary, run on SQLite and on PostgreSQL.

mod common;

use std::time::Duration;

use amocrm_notify_server::token;
use common::{call_post, error_post, Database, Db, Server};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both!(
    accepts_once_by_id,
    refuses_bad_input_naming_the_field_and_stores_nothing,
    the_same_id_posted_100_times_at_once_is_one_entry_and_one_event,
    history_pages_newest_first_with_filters,
    read_unread_remove_and_bulk_changes_reach_the_stream,
    preferences_are_kept_and_announced,
    the_stream_replays_exactly_what_was_missed,
    the_stream_says_reset_when_events_are_gone,
    authorization_matrix,
    a_person_never_reaches_another_persons_entries,
    rate_limits_answer_429_with_retry_after,
    slow_clients_cannot_hold_the_server,
    the_wire_edges_say_why,
    a_late_change_does_not_undo_a_later_one,
    kill_9_loses_nothing_acknowledged,
    health_and_metrics,
);

async fn setup(db: Db, args: &[&str]) -> (Database, Server) {
    let database = Database::new(db).await;
    let server = Server::start(&database, args).await;
    (database, server)
}

const WAIT: Duration = Duration::from_secs(5);

async fn accepts_once_by_id(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    let first = alice.post(&error_post("a-1", "Contact not found!")).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.body["id"], "a-1");
    let again = alice.post(&error_post("a-1", "Contact not found!")).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body, first.body, "a repeat answers as the first did");

    // A repeat sent after the entry was read locally still carries the same content.
    let mut read = error_post("a-1", "Contact not found!");
    read["notification"]["read"] = json!(true);
    read["notification"]["delivery"] = json!("pending");
    assert_eq!(alice.post(&read).await.status, 200);

    let other = alice.post(&error_post("a-1", "Something else")).await;
    assert_eq!(other.status, 409);
    assert_eq!(other.field(), Some("id"));

    let history = alice.history("all").await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["text"], "Contact not found!");
    assert_eq!(history[0]["delivery"], "delivered");
}

async fn refuses_bad_input_naming_the_field_and_stores_nothing(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    // The field's path, and a good post with that field set to `value`.
    let with = |path: &'static str, value: Value| {
        let mut post = call_post("bad-1", 1_764_038_411_000);
        let mut target = &mut post;
        let parts: Vec<&str> = path.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            target = &mut target[*part];
        }
        target[parts[parts.len() - 1]] = value;
        (path, post)
    };
    let cases = [
        with("notification.link", json!("javascript:alert(1)")),
        with("notification.icon", json!(" JaVaScRiPt:alert(1)")),
        with("notification.call.link", json!("data:text/html,x")),
        with("notification.call.click_link", json!("vbscript:x")),
        with("notification.call.duration", json!("long")),
        with("notification.call.element.type", json!("deal")),
        with("notification.call.element.id", json!(0)),
        with("notification.date", json!("yesterday")),
        with("notification.method", json!("show_message")),
        with("notification.kind", json!("error")),
        with("notification.text", json!(" <b> </b> ")),
        with("notification.text", json!("x".repeat((1 << 20) + 1))),
        with("notification.header", json!(42)),
        with("notification.onclick", json!("alert(1)")),
        with("notification.v", json!(2)),
        with("notification.id", json!("another")),
        with("id", json!("")),
        with("secret", json!(1)),
        ("notification", json!({"id": "bad-1"})),
    ];
    for (field, body) in cases {
        let answer = alice.post(&body).await;
        assert_eq!(answer.status, 422, "{field}: {}", answer.body);
        assert_eq!(answer.field(), Some(field), "{}", answer.body);
        let message = answer.body["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("POST /v1/notifications: "), "{message}");
    }
    let malformed = alice
        .raw(
            "/v1/notifications",
            "application/json",
            b"{not json".to_vec(),
        )
        .await;
    assert_eq!(malformed.status, 422);
    assert_eq!(malformed.field(), Some("(body)"));
    let truncated = alice
        .raw(
            "/v1/notifications",
            "application/json",
            b"{\"id\": ".to_vec(),
        )
        .await;
    assert_eq!(truncated.field(), Some("id"), "where the body ended");
    let not_json = alice
        .raw("/v1/notifications", "text/plain", b"hello".to_vec())
        .await;
    assert_eq!(not_json.status, 415);
    // On a client of its own: the server closes a connection whose body it will not read.
    let huge = server
        .client("acme", "alice")
        .raw("/v1/notifications", "application/json", vec![b' '; 5 << 20])
        .await;
    assert_eq!(huge.status, 413);
    let bad_query = alice.send("GET", "/v1/notifications?limit=0", None).await;
    assert_eq!(bad_query.field(), Some("limit"));
    let bad_filter = alice
        .send("GET", "/v1/notifications?filter=spam", None)
        .await;
    assert_eq!(bad_filter.status, 422);
    let bad_read = alice
        .send(
            "POST",
            "/v1/notifications/read",
            Some(&json!({"ids": "a-1", "read": true})),
        )
        .await;
    assert_eq!(bad_read.field(), Some("ids"));
    let bad_prefs = alice
        .send("PUT", "/v1/preferences", Some(&json!({"email": {"errors": true, "calls": "yes"}, "push": {"errors": false, "calls": false}})))
        .await;
    assert_eq!(bad_prefs.field(), Some("email.calls"));

    assert!(alice.history("all").await.is_empty(), "nothing was stored");
    assert_eq!(
        alice.post(&error_post("ok", "still serving")).await.status,
        201
    );
}

async fn the_same_id_posted_100_times_at_once_is_one_entry_and_one_event(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = std::sync::Arc::new(server.client("acme", "alice"));
    let mut stream = alice.stream(Some(0)).await;
    let post = error_post("same", "Once");
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let alice = alice.clone();
            let post = post.clone();
            tokio::spawn(async move { alice.post(&post).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|&&s| s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|&&s| s == 200).count(),
        99,
        "{statuses:?}"
    );
    assert_eq!(alice.history("all").await.len(), 1);
    let events = stream.until_marker(&alice).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].event, "entry");
}

async fn history_pages_newest_first_with_filters(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    for i in 0..120u64 {
        let post = if i % 3 == 0 {
            call_post(&format!("c-{i:03}"), 1_700_000_000_000 + i * 1000)
        } else {
            let mut p = error_post(&format!("e-{i:03}"), &format!("Error {i}"));
            p["notification"]["date"] = json!(1_700_000_000_000u64 + i * 1000);
            p
        };
        assert_eq!(alice.post(&post).await.status, 201);
    }
    // Two entries with the same date are ordered by id.
    let mut tie = error_post("e-tie", "Tie");
    tie["notification"]["date"] = json!(1_700_000_000_000u64 + 119 * 1000);
    alice.post(&tie).await;

    let page = alice.send("GET", "/v1/notifications?limit=50", None).await;
    let entries = page.body["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 50);
    assert_eq!(
        entries[0]["id"], "e-tie",
        "newest first, ties by id descending"
    );
    assert_eq!(entries[1]["id"], "e-119");
    assert_eq!(page.body["last_event_id"], 121);

    let all = alice.history("all").await;
    assert_eq!(all.len(), 121);
    let dates: Vec<f64> = all.iter().map(|e| e["date"].as_f64().unwrap()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first across pages"
    );
    let mut ids: Vec<&str> = all.iter().map(|e| e["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 121, "no entry twice across pages");
    assert_eq!(alice.history("calls").await.len(), 40);
    assert_eq!(alice.history("errors").await.len(), 81);
    assert_eq!(alice.history("unread").await.len(), 121);
    let bad = alice
        .send("GET", "/v1/notifications?before=garbage", None)
        .await;
    assert_eq!(bad.field(), Some("before"));
}

async fn read_unread_remove_and_bulk_changes_reach_the_stream(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    let mut stream = alice.stream(None).await;
    for id in ["e1", "e2"] {
        alice.post(&error_post(id, "x")).await;
    }
    alice.post(&call_post("c1", 1_764_038_412_000)).await;
    assert_eq!(stream.until_marker(&alice).await.len(), 3);

    let read = alice.read(&["e1", "nope"], true).await;
    assert_eq!(read.body["ids"], json!(["e1"]));
    let again = alice.read(&["e1"], true).await;
    assert_eq!(again.body["ids"], json!([]), "no change, no event");
    let unread = alice.read(&["e1"], false).await;
    assert_eq!(unread.body["ids"], json!(["e1"]));
    let errors_read = alice
        .change_all("read-all", json!({"filter": "errors"}))
        .await;
    assert_eq!(errors_read.body["ids"], json!(["e1", "e2"]));
    assert_eq!(
        alice.history("unread").await.len(),
        1,
        "the call is still unread"
    );
    let cleared = alice
        .change_all("clear-read", json!({"filter": "all"}))
        .await;
    assert_eq!(cleared.body["ids"], json!(["e1", "e2"]));
    let removed = alice.send("DELETE", "/v1/notifications/c1", None).await;
    assert_eq!(removed.body["ids"], json!(["c1"]));
    let gone = alice.send("DELETE", "/v1/notifications/c1", None).await;
    assert_eq!(gone.status, 404);
    assert!(alice.history("all").await.is_empty());
    // A late repeat of a removed entry's post does not bring it back.
    assert_eq!(alice.post(&error_post("e1", "x")).await.status, 200);
    assert!(alice.history("all").await.is_empty());

    let events: Vec<(String, Value)> = stream
        .until_marker(&alice)
        .await
        .into_iter()
        .map(|e| (e.event, e.data))
        .collect();
    let expected = [
        ("read", json!({"type": "read", "ids": ["e1"], "read": true})),
        (
            "read",
            json!({"type": "read", "ids": ["e1"], "read": false}),
        ),
        (
            "read",
            json!({"type": "read", "ids": ["e1", "e2"], "read": true}),
        ),
        ("removed", json!({"type": "removed", "ids": ["e1", "e2"]})),
        ("removed", json!({"type": "removed", "ids": ["c1"]})),
    ];
    assert_eq!(events.len(), expected.len(), "{events:?}");
    for ((event, data), (name, body)) in events.iter().zip(expected) {
        // A read says when it was decided (the server's clock here: the requests gave none).
        let mut data = data.clone();
        if name == "read" {
            let at = data.as_object_mut().unwrap().remove("at");
            assert!(at.is_some_and(|at| at.as_f64().unwrap() > 1.7e12), "{data}");
        }
        assert_eq!((event.as_str(), &data), (name, &body));
    }
}

async fn preferences_are_kept_and_announced(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    let defaults = alice.send("GET", "/v1/preferences", None).await;
    assert_eq!(
        defaults.body,
        json!({"email": {"errors": false, "calls": false}, "push": {"errors": false, "calls": false}, "digest_minutes": 0}),
        "no language until one is chosen"
    );
    // A person who never chose gets the Accept-Language of their GET (the app sends its interface
    // language), kept from then on: a later request in another language does not change it.
    let carol = server.client("acme", "carol");
    let asked = |language| {
        carol.get_with_header("/v1/preferences", ("accept-language", language), "language")
    };
    assert_eq!(asked("de-DE, ru;q=0.9").await, "ru");
    assert_eq!(asked("en-US").await, "ru", "chosen once, kept");
    assert_eq!(
        carol.send("GET", "/v1/preferences", None).await.body["language"],
        "ru"
    );
    // The same for the device's time zone (the `Time-Zone` header): a name the IANA database
    // lacks is not taken, a real one is and is kept; a PUT names one the server knows, or is told.
    let dave = server.client("acme", "dave");
    let zoned = |zone| dave.get_with_header("/v1/preferences", ("time-zone", zone), "time_zone");
    assert_eq!(zoned("Mars/Olympus_Mons").await, Value::Null, "not a zone");
    assert_eq!(zoned("../../etc/passwd").await, Value::Null, "not a name");
    assert_eq!(zoned("Asia/Yekaterinburg").await, "Asia/Yekaterinburg");
    assert_eq!(
        zoned("Europe/Paris").await,
        "Asia/Yekaterinburg",
        "taken once, kept"
    );
    let moved = json!({"email": {"errors": true, "calls": false}, "push": {"errors": false, "calls": false}, "digest_minutes": 0, "time_zone": "Europe/Paris"});
    assert_eq!(
        dave.send("PUT", "/v1/preferences", Some(&moved))
            .await
            .status,
        200
    );
    assert_eq!(
        dave.send("GET", "/v1/preferences", None).await.body["time_zone"],
        "Europe/Paris"
    );
    for zone in ["Mars/Olympus_Mons", "", "Europe/Paris\r\nX: y"] {
        let mut bad = moved.clone();
        bad["time_zone"] = json!(zone);
        assert_eq!(
            dave.send("PUT", "/v1/preferences", Some(&bad))
                .await
                .field(),
            Some("time_zone"),
            "{zone:?}"
        );
    }
    let mut stream = alice.stream(None).await;
    let mine = json!({"email": {"errors": true, "calls": false}, "push": {"errors": true, "calls": true}, "digest_minutes": 15, "language": "ru"});
    assert_eq!(
        alice
            .send("PUT", "/v1/preferences", Some(&mine))
            .await
            .status,
        200
    );
    assert_eq!(alice.send("GET", "/v1/preferences", None).await.body, mine);
    let event = stream.next(WAIT).await.unwrap();
    assert_eq!(event.event, "preferences");
    assert_eq!(event.data["preferences"], mine);
    let too_long = alice
        .send("PUT", "/v1/preferences", Some(&json!({"email": {"errors": true, "calls": true}, "push": {"errors": true, "calls": true}, "digest_minutes": 100000})))
        .await;
    assert_eq!(too_long.field(), Some("digest_minutes"));
    let bob = server.client("acme", "bob");
    assert_eq!(
        bob.send("GET", "/v1/preferences", None).await.body,
        defaults.body,
        "per person"
    );
}

async fn the_stream_replays_exactly_what_was_missed(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    for i in 0..30 {
        alice.post(&error_post(&format!("m-{i}"), "x")).await;
    }
    let mut from_12 = alice.stream(Some(12)).await;
    let mut ids = Vec::new();
    while ids.len() < 18 {
        ids.push(
            from_12
                .next(WAIT)
                .await
                .expect("the missed events")
                .id
                .unwrap(),
        );
    }
    assert_eq!(
        ids,
        (13..=30).collect::<Vec<u64>>(),
        "exactly the missed ones, in order"
    );
    // Live events follow the replay with no gap.
    alice.post(&error_post("m-30", "x")).await;
    let live = from_12.next(WAIT).await.unwrap();
    assert_eq!(live.id, Some(31));
    assert_eq!(live.data["entry"]["id"], "m-30");
    // A second session that was never connected starts from now: the marker, the next event of
    // the person, is the first it hears.
    let mut fresh = alice.stream(None).await;
    let marker = alice.marker().await;
    assert!(from_12.until(marker).await.is_empty(), "and no repeat");
    assert!(
        fresh.until(marker).await.is_empty(),
        "nothing from before it connected"
    );
}

async fn the_stream_says_reset_when_events_are_gone(db: Db) {
    let (database, mut server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    for i in 0..3 {
        alice.post(&error_post(&format!("r-{i}"), "x")).await;
    }
    // An id the server never gave (a database restored from an older backup, say).
    let mut future = alice.stream(Some(99)).await;
    let reset = future.next(WAIT).await.unwrap();
    assert_eq!((reset.event.as_str(), reset.id), ("reset", Some(3)));
    drop(future);

    // With no retention, the server prunes every event at start-up.
    drop(server);
    server = Server::start(&database, &["--event-retention-hours", "0"]).await;
    let alice = server.client("acme", "alice");
    let mut old = alice.stream(Some(1)).await;
    let reset = old.next(WAIT).await.unwrap();
    assert_eq!((reset.event.as_str(), reset.id), ("reset", Some(3)));
    alice.post(&error_post("r-3", "x")).await;
    assert_eq!(
        old.next(WAIT).await.unwrap().id,
        Some(4),
        "and goes on after the reset"
    );
    assert_eq!(
        alice.history("all").await.len(),
        4,
        "pruning events keeps the entries"
    );
}

async fn authorization_matrix(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    alice.post(&error_post("mine", "x")).await;

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let bad_tokens: Vec<(&str, Option<String>)> = vec![
        ("no token", None),
        ("garbage", Some("not-a-token".into())),
        (
            "forged",
            Some(token::sign(
                "guessed",
                "acme",
                "alice",
                Duration::from_secs(600),
            )),
        ),
        (
            "expired",
            Some(sign(
                common::SECRET,
                json!({"acc": "acme", "sub": "alice", "exp": now - 3600}),
            )),
        ),
        (
            "no expiry",
            Some(sign(common::SECRET, json!({"acc": "acme", "sub": "alice"}))),
        ),
        (
            "signed by another account",
            Some(token::sign(
                common::OTHER_SECRET,
                "acme",
                "alice",
                Duration::from_secs(600),
            )),
        ),
        (
            "unknown account",
            Some(token::sign(
                common::SECRET,
                "initech",
                "alice",
                Duration::from_secs(600),
            )),
        ),
        (
            "alg none",
            Some(format!(
                "{}.{}.",
                b64(r#"{"alg":"none"}"#),
                b64(&format!(
                    r#"{{"acc":"acme","sub":"alice","exp":{}}}"#,
                    now + 600
                ))
            )),
        ),
    ];
    let endpoints: Vec<(&str, &str, Option<Value>)> = vec![
        (
            "POST",
            "/v1/notifications",
            Some(error_post("intruder", "x")),
        ),
        ("GET", "/v1/notifications", None),
        (
            "POST",
            "/v1/notifications/read",
            Some(json!({"ids": ["mine"], "read": true})),
        ),
        ("POST", "/v1/notifications/read-all", Some(json!({}))),
        ("POST", "/v1/notifications/clear-read", Some(json!({}))),
        ("DELETE", "/v1/notifications/mine", None),
        ("GET", "/v1/preferences", None),
        (
            "PUT",
            "/v1/preferences",
            Some(
                json!({"email": {"errors": true, "calls": true}, "push": {"errors": true, "calls": true}}),
            ),
        ),
        ("GET", "/v1/stream", None),
    ];
    for (what, token) in &bad_tokens {
        let client = match token {
            Some(t) => server.client_with(t.clone()),
            None => server.anonymous(),
        };
        for (method, path, body) in &endpoints {
            let answer = client.send(method, path, body.as_ref()).await;
            assert_eq!(
                answer.status, 401,
                "{what}: {method} {path}: {}",
                answer.body
            );
            // Only a token that is the account's own in every way but its age is told to renew.
            let code = if *what == "expired" {
                "token_expired"
            } else {
                "unauthorized"
            };
            assert_eq!(
                answer.body["error"]["code"], code,
                "{what}: {method} {path}"
            );
        }
    }
    // Nothing was stored or changed.
    let history = alice.history("all").await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["read"], false);
    assert_eq!(
        alice.send("GET", "/v1/preferences", None).await.body["email"]["errors"],
        false
    );
}

/// An HS256 token of `claims`, signed with `secret`.
fn sign(secret: &str, claims: Value) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

async fn a_person_never_reaches_another_persons_entries(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    let bob = server.client("acme", "bob");
    // Alice at another account is another person too.
    let alice_globex = server.client("globex", "alice");
    let mut bobs_stream = bob.stream(Some(0)).await;
    let mut other_stream = alice_globex.stream(Some(0)).await;
    alice.post(&error_post("secret-1", "Alice's")).await;

    for intruder in [&bob, &alice_globex] {
        assert!(intruder.history("all").await.is_empty());
        let read = intruder.read(&["secret-1"], true).await;
        assert_eq!(read.body["ids"], json!([]));
        let remove = intruder
            .send("DELETE", "/v1/notifications/secret-1", None)
            .await;
        let nobody = intruder
            .send("DELETE", "/v1/notifications/never-existed", None)
            .await;
        assert_eq!(remove.status, 404);
        let without_path = |a: &common::Answer| {
            a.body["error"]["message"]
                .as_str()
                .unwrap()
                .split_once(": ")
                .unwrap()
                .1
                .to_owned()
        };
        assert_eq!(remove.body["error"]["code"], nobody.body["error"]["code"]);
        assert_eq!(
            without_path(&remove),
            without_path(&nobody),
            "the same answer as for an id nobody has"
        );
        assert_eq!(
            intruder.change_all("read-all", json!({})).await.body["ids"],
            json!([])
        );
        assert_eq!(
            intruder.change_all("clear-read", json!({})).await.body["ids"],
            json!([])
        );
        // Posting the same id makes the intruder's own entry; Alice's is untouched.
        assert_eq!(
            intruder.post(&error_post("secret-1", "Mine")).await.status,
            201
        );
    }
    assert!(bobs_stream
        .until_marker(&bob)
        .await
        .iter()
        .all(|e| e.data["entry"]["text"] == "Mine"));
    assert!(other_stream
        .until_marker(&alice_globex)
        .await
        .iter()
        .all(|e| e.data["entry"]["text"] == "Mine"));
    let history = alice.history("all").await;
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0]["text"].as_str(), history[0]["read"].as_bool()),
        (Some("Alice's"), Some(false))
    );
}

async fn rate_limits_answer_429_with_retry_after(db: Db) {
    let (_db, server) = setup(
        db,
        &["--rate", "1", "--burst", "3", "--streams-per-person", "2"],
    )
    .await;
    let alice = server.client("acme", "alice");
    for i in 0..3 {
        assert_eq!(
            alice.post(&error_post(&format!("q-{i}"), "x")).await.status,
            201
        );
    }
    let limited = alice.post(&error_post("q-3", "x")).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.retry_after.as_deref(), Some("1"));
    assert_eq!(limited.body["error"]["code"], "rate_limited");
    assert_eq!(
        server
            .client("acme", "bob")
            .post(&error_post("b", "x"))
            .await
            .status,
        201,
        "per person"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        alice.post(&error_post("q-3", "x")).await.status,
        201,
        "after waiting"
    );

    // At most two streams each.
    let carol = server.client("acme", "carol");
    let _one = carol.stream(None).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let _two = carol.stream(None).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let three = carol.stream(None).await;
    assert_eq!(three.status, 429);
}

async fn slow_clients_cannot_hold_the_server(db: Db) {
    let (_db, server) = setup(db, &["--read-timeout-secs", "1"]).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    // Headers that never finish.
    let mut slow_headers = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow_headers
        .write_all(b"POST /v1/notifications HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // A body that never finishes.
    let token = token::sign(common::SECRET, "acme", "alice", Duration::from_secs(600));
    let mut slow_body = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow_body
        .write_all(format!("POST /v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"id\":").as_bytes())
        .await
        .unwrap();
    // Meanwhile the server serves others.
    let alice = server.client("acme", "alice");
    assert_eq!(alice.post(&error_post("fast", "x")).await.status, 201);
    for (what, mut socket) in [("headers", slow_headers), ("body", slow_body)] {
        let mut buf = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), socket.read_to_end(&mut buf)).await;
        assert!(read.is_ok(), "a slow {what} is cut off");
    }
    // A new connection: the server has, rightly, closed alice's idle one after the same read
    // timeout, and reusing it as it closes fails the request (hyper's IncompleteMessage).
    let alice = server.client("acme", "alice");
    assert_eq!(
        alice.history("all").await.len(),
        1,
        "the slow post stored nothing"
    );
}

async fn kill_9_loses_nothing_acknowledged(db: Db) {
    let (_db, mut server) = setup(db, &["--rate", "100000", "--burst", "100000"]).await;
    let alice = std::sync::Arc::new(server.client("acme", "alice"));
    let senders: Vec<_> = (0..4)
        .map(|worker| common::post_until_down(alice.clone(), format!("k-{worker}")))
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill9();
    let mut acknowledged = Vec::new();
    for sender in senders {
        acknowledged.extend(sender.await.unwrap());
    }
    assert!(
        acknowledged.len() > 50,
        "the server took {} before the kill",
        acknowledged.len()
    );
    server.restart().await;
    let alice = server.client("acme", "alice");
    let stored = alice.stored_ids().await;
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged but lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(3)]
    );
    // Every stored entry has exactly one event, in order, with no gap.
    let mut stream = alice.stream(Some(0)).await;
    let events = stream.until_marker(&alice).await;
    assert_eq!(events.len(), stored.len());
    let ids: Vec<u64> = events.iter().map(|e| e.id.unwrap()).collect();
    assert_eq!(ids, (1..=stored.len() as u64).collect::<Vec<_>>());
}

async fn health_and_metrics(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let anyone = server.anonymous();
    let health = anyone.send("GET", "/healthz", None).await;
    assert_eq!(health.status, 200);
    assert_eq!(
        health.body["database"],
        if db == Db::Sqlite {
            "sqlite"
        } else {
            "postgres"
        }
    );
    let alice = server.client("acme", "alice");
    alice.post(&error_post("h", "x")).await;
    alice.post(&error_post("h", "x")).await;
    anyone.post(&error_post("h", "x")).await;
    let metrics = anyone.send("GET", "/metrics", None).await;
    let text = metrics.body.as_str().unwrap();
    for line in [
        "amocrm_notify_notifications_accepted_total 1",
        "amocrm_notify_notifications_repeated_total 1",
        "amocrm_notify_requests_unauthorized_total 1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in\n{text}");
    }
    let unknown = anyone.send("GET", "/v2/whatever", None).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["error"]["code"], "not_found");
    let wrong_method = anyone.send("PATCH", "/v1/notifications", None).await;
    assert_eq!(wrong_method.status, 405);
}

/// Sends `request` on a fresh connection and reads until the server closes it or `wait` passes;
/// what it answered, and how long until it closed (None: still open).
async fn exchange(
    address: &str,
    request: &[u8],
    trickle: Option<&[u8]>,
    wait: Duration,
) -> (String, Option<Duration>) {
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    socket.write_all(request).await.unwrap();
    let started = std::time::Instant::now();
    let (mut reader, mut writer) = socket.into_split();
    // The trickle: a byte every 400 ms, while the server listens. The writing half is kept open
    // to the end either way (dropping it would tell the server we are done).
    let bytes = trickle.unwrap_or_default().to_vec();
    let trickler = tokio::spawn(async move {
        for byte in bytes {
            tokio::time::sleep(Duration::from_millis(400)).await;
            if writer.write_all(&[byte]).await.is_err() {
                break;
            }
        }
        std::future::pending::<()>().await;
    });
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(wait, reader.read_to_end(&mut answer))
        .await
        .ok()
        .map(|_| started.elapsed());
    trickler.abort();
    (String::from_utf8_lossy(&answer).into_owned(), closed)
}

async fn the_wire_edges_say_why(db: Db) {
    let (_db, server) = setup(db, &["--read-timeout-secs", "2"]).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let token = token::sign(common::SECRET, "acme", "alice", Duration::from_secs(600));
    let head = |length: usize| {
        format!(
            "POST /v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
        )
    };

    // A body that stalls after a few bytes: 408 when the read timeout runs out, not 413.
    let (answer, closed) = exchange(
        &address,
        format!("{}{{\"id\":", head(1000)).as_bytes(),
        None,
        Duration::from_secs(6),
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "a stalled body: {answer}"
    );
    assert!(answer.contains("\"code\":\"timeout\""), "{answer}");
    assert!(answer.contains("within 2 s"), "{answer}");
    assert!(closed.is_some(), "the connection is closed after a 408");

    // A body trickled a byte at a time is cut off too: the whole body within the read timeout.
    let body = serde_json::to_vec(&error_post("trickled", "x")).unwrap();
    let (answer, closed) = exchange(
        &address,
        head(body.len()).as_bytes(),
        Some(&body),
        Duration::from_secs(8),
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "a trickled body: {answer}"
    );
    let closed = closed.expect("a trickled body is cut off");
    assert!(
        closed < Duration::from_millis(4500),
        "cut off after {closed:?}, the read timeout being 2 s"
    );

    // A true 413 is still a 413.
    let big = vec![b' '; (4 << 20) + 10];
    let alice = server.client("acme", "alice");
    let answer = alice
        .raw("/v1/notifications", "application/json", big)
        .await;
    assert_eq!(answer.status, 413, "{}", answer.body);

    // Refused before the body is read: the answer says the connection closes, and it does.
    let body = serde_json::to_vec(&error_post("refused", "x")).unwrap();
    let mut request = format!(
        "POST /v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer forged.token.here\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let (answer, closed) = exchange(&address, &request, None, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("\r\nconnection: close\r\n"),
        "a 401 before the body says Connection: close: {answer}"
    );
    assert!(closed.is_some(), "and closes it");
    // A request without a body keeps its connection.
    let (answer, closed) = exchange(
        &address,
        b"GET /v1/notifications HTTP/1.1\r\nHost: x\r\n\r\n",
        None,
        Duration::from_millis(1000),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(closed.is_none(), "kept alive");

    // The scheme is case-insensitive.
    for scheme in ["bearer", "BEARER"] {
        let answer = server
            .anonymous()
            .send_with_authorization(&format!("{scheme} {token}"), "GET", "/v1/notifications")
            .await;
        assert_eq!(answer.status, 200, "{scheme}: {}", answer.body);
    }

    // An expired token, signed by the account: 401 with `token_expired` and an RFC 6750 header.
    let claims = json!({"acc": "acme", "sub": "alice", "exp": 1_700_000_000u64});
    let expired = sign(common::SECRET, claims.clone());
    let answer = server
        .client_with(expired)
        .send("GET", "/v1/notifications", None)
        .await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.body["error"]["code"], "token_expired");
    assert!(
        answer.www_authenticate.contains("error=\"invalid_token\""),
        "{}",
        answer.www_authenticate
    );
    // The same, forged: the plain 401, which says nothing of the token's age.
    let forged = sign("guessed", claims);
    let answer = server
        .client_with(forged)
        .send("GET", "/v1/notifications", None)
        .await;
    assert_eq!(answer.body["error"]["code"], "unauthorized");
    assert_eq!(answer.www_authenticate, "Bearer");
    assert_eq!(alice.history("all").await.len(), 0, "nothing was stored");
}

/// The ids a change answered with, sorted.
fn sorted_ids(answer: &common::Answer) -> Vec<String> {
    let mut ids: Vec<String> = serde_json::from_value(answer.body["ids"].clone()).unwrap();
    ids.sort();
    ids
}

async fn a_late_change_does_not_undo_a_later_one(db: Db) {
    let (_db, server) = setup(db, &[]).await;
    let alice = server.client("acme", "alice");
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as f64
    };
    let read = |body: Value| {
        let alice = &alice;
        async move {
            alice
                .send("POST", "/v1/notifications/read", Some(&body))
                .await
        }
    };
    let state = |history: &[Value], id: &str| {
        history
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["read"].as_bool().unwrap())
    };
    for id in ["a", "b", "c"] {
        assert_eq!(alice.post(&error_post(id, "x")).await.status, 201);
    }
    // A read decided before the server had the entry (it waited in the outbox) still counts.
    let answer = read(json!({"ids": ["c"], "read": true, "at": 1_000.0})).await;
    assert_eq!(answer.body["ids"], json!(["c"]));
    let answer = read(json!({"ids": ["c"], "read": false, "at": 2_000.0})).await;
    assert_eq!(answer.body["ids"], json!(["c"]));
    // Device 1, offline, reads "a" at t1; device 2 reads it, then marks it unread at t2 > t1.
    let t1 = now() - 60_000.0;
    let answer = read(json!({"ids": ["a"], "read": true})).await;
    assert_eq!(answer.body["ids"], json!(["a"]));
    let answer = read(json!({"ids": ["a"], "read": false})).await;
    assert_eq!(answer.body["ids"], json!(["a"]));
    // Device 1 comes back and sends its read from t1: the later unread stands, no event.
    let answer = read(json!({"ids": ["a"], "read": true, "at": t1})).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["ids"], json!([]), "decided earlier: ignored");
    assert_eq!(state(&alice.history("all").await, "a"), Some(false));
    // A change decided later than the last one is taken, whatever the order of arrival.
    let answer = read(json!({"ids": ["a"], "read": true, "at": now()})).await;
    assert_eq!(answer.body["ids"], json!(["a"]));

    // "Mark all as read" decided before "d" came (and was made) leaves "d" unread.
    let before_d = now() - 1.0;
    let mut d = error_post("d", "x");
    d["notification"]["date"] = json!(now() as u64);
    assert_eq!(alice.post(&d).await.status, 201);
    // "e" was made before the click, in a browser's outbox, and reached the server after it:
    // it is marked.
    let mut e = error_post("e", "x");
    e["notification"]["date"] = json!(before_d as u64 - 5);
    assert_eq!(alice.post(&e).await.status, 201);
    let answer = alice.change_all("read-all", json!({"at": before_d})).await;
    assert_eq!(sorted_ids(&answer), ["b", "c", "e"]);
    let history = alice.history("all").await;
    assert_eq!(state(&history, "d"), Some(false), "came after the click");

    // "Clear read" decided before "b" was marked read again leaves "b".
    let answer = read(json!({"ids": ["b"], "read": false})).await;
    assert_eq!(answer.body["ids"], json!(["b"]));
    let cleared_at = now();
    // Read again later than the click, by the server's clock too (it takes no time from the
    // future): a few milliseconds on.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let answer = read(json!({"ids": ["b"], "read": true, "at": now()})).await;
    assert_eq!(answer.body["ids"], json!(["b"]));
    let answer = alice
        .change_all("clear-read", json!({"at": cleared_at}))
        .await;
    assert_eq!(
        sorted_ids(&answer),
        ["a", "c", "e"],
        "read before the click: cleared"
    );
    let history = alice.history("all").await;
    assert_eq!(
        state(&history, "b"),
        Some(true),
        "read after the click: kept"
    );

    // A removal is final, however early it was decided; a later read does not bring it back.
    assert_eq!(
        alice
            .send("DELETE", "/v1/notifications/b", None)
            .await
            .status,
        200
    );
    let answer = read(json!({"ids": ["b"], "read": false, "at": now()})).await;
    assert_eq!(answer.body["ids"], json!([]));
    assert_eq!(state(&alice.history("all").await, "b"), None);

    // A clock ahead of the server's does not win over what comes after.
    let answer = read(json!({"ids": ["d"], "read": true, "at": now() + 3_600_000.0})).await;
    assert_eq!(answer.body["ids"], json!(["d"]));
    let answer = read(json!({"ids": ["d"], "read": false})).await;
    assert_eq!(answer.body["ids"], json!(["d"]), "a change now follows");
}
