-- Deliveries as received: the queue, the redelivery guard and the history in one table.
CREATE TABLE deliveries (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order
    id              TEXT    NOT NULL UNIQUE,            -- X-GitHub-Delivery; GitHub's redelivery reuses it
    event           TEXT    NOT NULL,
    action          TEXT,
    installation_id INTEGER,
    repository      TEXT,
    ordering_key    TEXT,                               -- owner/repo#number: one at a time, in order
    payload         BLOB    NOT NULL,
    payload_encoding TEXT   NOT NULL DEFAULT 'zstd',    -- zstd-compressed JSON, or 'identity'
    received_at     INTEGER NOT NULL,                   -- epoch milliseconds
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'processing', 'done', 'failed', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    finished_at     INTEGER,
    duration_ms     INTEGER,
    requeued        INTEGER NOT NULL DEFAULT 0          -- set by the command line, picked up by a running server
);
CREATE INDEX deliveries_requeued ON deliveries (seq) WHERE requeued = 1;
CREATE INDEX deliveries_received ON deliveries (received_at);
