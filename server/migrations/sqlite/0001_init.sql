-- Accounts, the people in them, their centers and their event streams.
CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    -- The HS256 secret that the account's backend signs its people's tokens with.
    secret     TEXT    NOT NULL,
    -- The account's own address: relative links in emails are made absolute to it.
    base_url   TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    -- The person's id in the account (the token's `sub`).
    name        TEXT    NOT NULL,
    email       TEXT,
    -- The newest event of this person's stream: bumped in the transaction that writes an event,
    -- which also serialises one person's writes, so events commit in the order of their ids.
    last_event  INTEGER NOT NULL DEFAULT 0,
    -- Events up to this id have been pruned: a client asking for older ones gets a reset.
    pruned_to   INTEGER NOT NULL DEFAULT 0,
    preferences TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE entries (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    id         TEXT    NOT NULL,
    date_ms    REAL    NOT NULL,
    kind       TEXT    NOT NULL,
    read       INTEGER NOT NULL DEFAULT 0,
    -- A removed entry stays as a tombstone, so a late repeat of its post does not bring it back.
    removed    INTEGER NOT NULL DEFAULT 0,
    -- The record as posted, with read state and delivery left out (serde_json of protocol::Record).
    record     TEXT    NOT NULL,
    event_id   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX entries_newest_first ON entries (user_id, removed, date_ms DESC, id DESC);

CREATE TABLE events (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    id         INTEGER NOT NULL,
    -- serde_json of protocol::api::Event.
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX events_by_age ON events (created_at);
