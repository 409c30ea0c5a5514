-- When the person last decided an entry's read state (milliseconds, the deciding device's clock
-- where it said, else the server's; 0: never): a change decided earlier than that, sent late by a
-- device that was offline, does not undo it.
ALTER TABLE entries ADD COLUMN read_at BIGINT NOT NULL DEFAULT 0;
