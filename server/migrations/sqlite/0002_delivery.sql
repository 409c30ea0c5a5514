-- Delivery beyond the interface: one job per notification and channel (per device for push),
-- worked by the server processes; push subscriptions; mail kept when no SMTP server is configured;
-- the server's own settings (its VAPID key pair).
CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    entry_id     TEXT    NOT NULL,
    -- 'email' or 'push'.
    channel      TEXT    NOT NULL,
    -- push: the device (push_subscriptions.id); email: none.
    subscription INTEGER,
    -- 'queued', 'sending', 'sent' or 'dead'.
    state        TEXT    NOT NULL DEFAULT 'queued',
    attempts     INTEGER NOT NULL DEFAULT 0,
    -- Not before this (milliseconds): a retry's backoff, or the end of an email digest window.
    run_at       INTEGER NOT NULL,
    -- A 'sending' job whose lease ran out (its process died) is claimed again.
    lease_until  INTEGER,
    last_error   TEXT,
    done_at      INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (state, run_at);
CREATE INDEX deliveries_of_entry ON deliveries (user_id, entry_id);

CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    endpoint   TEXT    NOT NULL,
    p256dh     TEXT    NOT NULL,
    auth       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, endpoint)
);

CREATE TABLE mail (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    message_id  TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    -- The whole message as it would go over SMTP.
    raw         TEXT    NOT NULL,
    html        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE server_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

