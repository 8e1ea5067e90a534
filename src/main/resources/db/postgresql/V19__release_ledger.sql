-- The release ledger: every change a release holds and every step it took, with where each stands, in one place
-- that the checklist, /release status, the notes, the tag's blockers and an operator's query all read.
--
-- The branch a release was started with, and the branch each cut created: picks and fixes belong to a release by
-- its branch, so a later change of release.branch-prefix does not orphan them. A release from before names none
-- until its next command fills it in from the settings; a cut from before was of the default prefix's branch.
ALTER TABLE releases ADD COLUMN branch TEXT;
ALTER TABLE release_cuts ADD COLUMN branch TEXT;
UPDATE release_cuts SET branch = 'release-' || version;

-- Fixes that waited for a minor's branch already cut from the default branch are on it from the cut (from now on
-- the cherry-pick capability settles them when the branch is created).
UPDATE cherry_picks SET state = 'already', detail = 'on `' || target || '` from the cut'
WHERE state = 'waiting' AND EXISTS (SELECT 1 FROM release_cuts c WHERE c.repository = cherry_picks.repository
                                    AND c.branch = cherry_picks.target AND c.version LIKE '%.0');

-- The steps git holds (bump, tag, sync) as the bot made or last saw them, and what a forced step overrode. The
-- cut is the release and cut rows; picks and merges are recorded by their own capabilities' webhooks.
CREATE TABLE release_steps (
    repository  TEXT   NOT NULL,
    version     TEXT   NOT NULL,
    step        TEXT   NOT NULL CHECK (step IN ('bump', 'tag', 'sync')),
    state       TEXT   NOT NULL,   -- bump, tag: done; sync: open, merged, closed
    sha         TEXT,
    url         TEXT,
    detail      TEXT,
    forced_over TEXT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (repository, version, step)
);

-- A release's picks and the fixes merged into its branch are found by branch.
CREATE INDEX cherry_picks_target ON cherry_picks (repository, target);
CREATE INDEX merged_pull_requests_base ON merged_pull_requests (repository, base_ref);

-- One row per thing a release holds or did. kind: cut | taken (merged into the default branch after the previous
-- minor's cut and up to this one's; a patch is cut from a tag and takes nothing) | pick (a fix's pick into the
-- branch; pull_request is the pick's own) | fix (a person's pull request merged straight into the branch) | bump |
-- tag | sync. A release is known by its cut (a branch created by hand has one) or by /release start. The same SQL
-- runs on SQLite and PostgreSQL; CROSS JOIN keeps SQLite's planner from walking a repository's whole history first
-- (the release is the outer loop, its rows found by index), and is an ordinary join to PostgreSQL.
CREATE VIEW release_ledger AS
WITH known AS NOT MATERIALIZED (
    -- previous_cut: the cut of the minor before (a patch's cut does not end a minor's window)
    SELECT c.repository, c.version, COALESCE(r.branch, c.branch) AS branch, c.cut_at, r.cut_sha, r.previous_tag,
           COALESCE(c.cut_at, r.started_at) AS at,
           COALESCE((SELECT MAX(p.cut_at) FROM release_cuts p WHERE p.repository = c.repository AND p.version LIKE '%.0'
                     AND p.cut_at < c.cut_at), 0) AS previous_cut
    FROM release_cuts c
    LEFT JOIN releases r ON r.repository = c.repository AND r.version = c.version
    UNION ALL
    SELECT r.repository, r.version, r.branch, NULL, r.cut_sha, r.previous_tag, r.started_at,
           COALESCE((SELECT MAX(p.cut_at) FROM release_cuts p WHERE p.repository = r.repository AND p.version LIKE '%.0'), 0)
    FROM releases r
    WHERE NOT EXISTS (SELECT 1 FROM release_cuts c WHERE c.repository = r.repository AND c.version = r.version)
)
SELECT k.repository, k.version, 'cut' AS kind, CAST(NULL AS BIGINT) AS number, CAST(NULL AS BIGINT) AS pull_request,
       'cut' AS state, k.cut_sha AS sha, CAST(NULL AS TEXT) AS url, k.previous_tag AS detail,
       CAST(NULL AS TEXT) AS forced_over, k.at AS at
FROM known k
UNION ALL
SELECT k.repository, k.version, 'taken', m.number, NULL, 'merged', NULL, NULL, m.title, NULL, m.merged_at
FROM known k
CROSS JOIN merged_pull_requests m
WHERE m.repository = k.repository AND m.merged_at > k.previous_cut AND m.merged_at <= COALESCE(k.cut_at, 9223372036854775807)
  AND k.version LIKE '%.0'
  AND m.base_ref NOT LIKE substr(k.branch, 1, length(k.branch) - length(k.version)) || '%'
UNION ALL
SELECT k.repository, k.version, 'pick', p.number,
       CASE WHEN p.url LIKE '%/pull/%' THEN CAST(substr(p.url, length(rtrim(p.url, '0123456789')) + 1) AS BIGINT) END,
       p.state, NULL, p.url, p.detail, NULL, p.updated_at
FROM known k
CROSS JOIN cherry_picks p
WHERE p.repository = k.repository AND p.target = k.branch
UNION ALL
SELECT k.repository, k.version, 'fix', m.number, m.number, 'merged', NULL, NULL, m.title, NULL, m.merged_at
FROM known k
CROSS JOIN merged_pull_requests m
WHERE m.repository = k.repository AND m.base_ref = k.branch AND m.author NOT LIKE '%[bot]'
UNION ALL
SELECT s.repository, s.version, s.step, NULL,
       CASE WHEN s.url LIKE '%/pull/%' THEN CAST(substr(s.url, length(rtrim(s.url, '0123456789')) + 1) AS BIGINT) END,
       s.state, s.sha, s.url, s.detail, s.forced_over, s.recorded_at
FROM release_steps s;
