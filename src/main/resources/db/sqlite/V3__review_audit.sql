-- Emergency overrides of the review rule, and pull requests merged without review until someone reviews them.
CREATE TABLE emergency_overrides (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    repository TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    head_sha   TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (repository, number, head_sha, actor, reason)   -- a repeat delivery records nothing new
);
CREATE TABLE post_merge_reviews (
    repository TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    merged_sha TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    opened_at  INTEGER NOT NULL,
    closed_at  INTEGER,
    reviewer   TEXT,
    PRIMARY KEY (repository, number)
);
