-- A pick that conflicts arrives as a draft pull request with git's conflict markers ('conflict') for a person to
-- resolve; it counts when that pull request merges ('resolved': a person's resolution, which needs its own review). SQLite cannot change a CHECK constraint in
-- place, so the table is copied.
CREATE TABLE cherry_picks_v16 (
    repository   TEXT    NOT NULL,
    number       INTEGER NOT NULL,
    target       TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('requested', 'waiting', 'open', 'conflict', 'done', 'resolved', 'already', 'failed', 'missing', 'refused')),
    detail       TEXT,
    url          TEXT,
    requested_by TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (repository, number, target)
);
INSERT INTO cherry_picks_v16 SELECT repository, number, target, state, detail, url, requested_by, updated_at FROM cherry_picks;
DROP TABLE cherry_picks;
ALTER TABLE cherry_picks_v16 RENAME TO cherry_picks;
