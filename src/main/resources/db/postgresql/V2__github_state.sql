-- What the bot has written to GitHub, so that a repeat updates in place (or does nothing) instead of adding.
CREATE TABLE check_runs (
    repository   TEXT    NOT NULL,
    head_sha     TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    check_run_id BIGINT NOT NULL,
    content_hash TEXT    NOT NULL,
    PRIMARY KEY (repository, head_sha, name)
);
CREATE TABLE sticky_comments (
    repository   TEXT    NOT NULL,
    number       BIGINT NOT NULL,
    marker       TEXT    NOT NULL,
    comment_id   BIGINT,            -- NULL: known to be absent
    content_hash TEXT,
    PRIMARY KEY (repository, number, marker)
);
