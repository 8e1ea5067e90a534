-- Merged pull requests as webhooks report them, so release notes never rescan the repository's history.
CREATE TABLE merged_pull_requests (
    repository         TEXT    NOT NULL,
    number             INTEGER NOT NULL,
    title              TEXT    NOT NULL,
    author             TEXT    NOT NULL,
    author_association TEXT,
    labels             TEXT    NOT NULL,   -- one per line
    base_ref           TEXT    NOT NULL,
    merged_at          INTEGER NOT NULL,
    highlight          INTEGER NOT NULL DEFAULT 0,
    note               TEXT    NOT NULL,
    PRIMARY KEY (repository, number)
);
CREATE INDEX merged_pull_requests_time ON merged_pull_requests (repository, merged_at);
-- When each release branch was cut (its create event): the line between one release and the next.
CREATE TABLE release_cuts (
    repository TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    cut_at     INTEGER NOT NULL,
    PRIMARY KEY (repository, version)
);
