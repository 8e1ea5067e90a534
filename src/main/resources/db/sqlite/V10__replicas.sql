-- Claims are leases: the replica working on a delivery and until when (epoch ms). Another replica may take a
-- delivery whose lease has run out: its holder is gone. The command line's requeue mark is gone with the in-memory
-- queue: workers find due work in this table.
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;
DROP INDEX deliveries_requeued;
ALTER TABLE deliveries DROP COLUMN requeued;
-- What a worker can claim, in arrival order; and, per ordering key, whether an earlier delivery is unfinished.
CREATE INDEX deliveries_unfinished ON deliveries (seq) WHERE state IN ('pending', 'processing', 'failed');
CREATE INDEX deliveries_unfinished_key ON deliveries (ordering_key, seq) WHERE state IN ('pending', 'processing', 'failed');
-- The bot's own deliveries (migration polls, calendar days) wait here until due, then join the queue at its end: a
-- follow-up takes its place among a pull request's deliveries when it falls due, not when it was planned, so a poll
-- planned for later never holds up the pushes that come before it.
CREATE TABLE follow_ups (
    id               TEXT    PRIMARY KEY,
    event            TEXT    NOT NULL,
    action           TEXT,
    installation_id  INTEGER,
    repository       TEXT,
    ordering_key     TEXT,
    payload          BLOB     NOT NULL,
    payload_encoding TEXT    NOT NULL DEFAULT 'zstd',
    received_at      INTEGER NOT NULL,
    due_at           INTEGER NOT NULL
);
CREATE INDEX follow_ups_due ON follow_ups (due_at);
-- Work one replica of the fleet does at a time (fetching back failed deliveries): its holder, lease and progress.
CREATE TABLE fleet_jobs (
    name        TEXT    PRIMARY KEY,
    holder      TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_run_at INTEGER                      -- where the last finished pass started, epoch ms
);
-- (Write pacing per installation stays in memory here: one process owns a SQLite file. PostgreSQL's V10 adds its table.)
