-- When the person last decided an entry's read state (milliseconds, the deciding device's clock
-- where it said, else the server's): a change decided earlier than that, sent late by a device
-- that was offline, does not undo it. An entry's first state is decided when it is accepted.
ALTER TABLE entries ADD COLUMN read_at BIGINT NOT NULL DEFAULT 0;
UPDATE entries SET read_at = created_at;
