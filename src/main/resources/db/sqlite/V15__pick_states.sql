-- A pick whose release branch is not cut yet waits ('waiting') instead of failing: a fix labelled early is in a
-- release cut from the default branch, and a patch's is picked once its branch exists. A pick's pull request is
-- 'open' until it merges ('done') or is closed without merging ('missing'): a pick counts when it lands. SQLite cannot change a
-- CHECK constraint in place, so the table is copied.
CREATE TABLE cherry_picks_v15 (
    repository   TEXT    NOT NULL,
    number       INTEGER NOT NULL,
    target       TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('requested', 'waiting', 'open', 'done', 'already', 'failed', 'missing', 'refused')),
    detail       TEXT,
    url          TEXT,
    requested_by TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (repository, number, target)
);
INSERT INTO cherry_picks_v15 SELECT repository, number, target, state, detail, url, requested_by, updated_at FROM cherry_picks;
DROP TABLE cherry_picks;
ALTER TABLE cherry_picks_v15 RENAME TO cherry_picks;
