-- One row per release a repository has started: where its checklist is and who owns it. What a release has done
-- (branch, bump, tag, sync) is read from git each time; this only says where to look.
CREATE TABLE releases (
    repository       TEXT    NOT NULL,
    version          TEXT    NOT NULL,
    issue_number     BIGINT,
    owner            TEXT,
    state            TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'cancelled')),
    previous_tag     TEXT,
    cut_sha          TEXT,
    started_at       BIGINT NOT NULL,
    PRIMARY KEY (repository, version)
);
CREATE INDEX releases_issue ON releases (repository, issue_number);
