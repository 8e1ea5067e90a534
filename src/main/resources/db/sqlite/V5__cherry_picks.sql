-- Where each pull request's cherry-picks stand, per release branch: the report comment is rendered from here.
CREATE TABLE cherry_picks (
    repository   TEXT    NOT NULL,
    number       INTEGER NOT NULL,
    target       TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('requested', 'done', 'already', 'failed', 'refused')),
    detail       TEXT,
    url          TEXT,
    requested_by TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (repository, number, target)
);
