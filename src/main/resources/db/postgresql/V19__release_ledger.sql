-- The release ledger: every change a release holds and every step it took, with where each stands, in one place
-- that the checklist, /release status, the notes, the tag's blockers and an operator's query all read.
--
-- The branch a release was started with, and the branch each cut created: picks and fixes belong to a release by
-- its branch, so a later change of release.branch-prefix does not orphan them. A release from before names none
-- until its next command fills it in from the settings; a cut from before was of the default prefix's branch.
ALTER TABLE releases ADD COLUMN branch TEXT;
ALTER TABLE release_cuts ADD COLUMN branch TEXT;
UPDATE release_cuts SET branch = 'release-' || version;

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

-- One row per thing a release holds or did. kind: cut | taken (merged into the default branch after the previous
-- minor's cut and up to this one's; a patch is cut from a tag and takes nothing) | pick (a fix's pick into the
-- branch; pull_request is the pick's own) | fix (a person's pull request merged straight into the branch) | bump |
-- tag | sync. A release is known by its cut (a branch created by hand has one) or by /release start. The same SQL
-- runs on SQLite and PostgreSQL.
CREATE VIEW release_ledger AS
WITH known AS (
    SELECT c.repository, c.version, COALESCE(r.branch, c.branch) AS branch, c.cut_at, r.cut_sha, r.previous_tag,
           COALESCE(c.cut_at, r.started_at) AS at
    FROM release_cuts c
    LEFT JOIN releases r ON r.repository = c.repository AND r.version = c.version
    UNION ALL
    SELECT r.repository, r.version, r.branch, NULL, r.cut_sha, r.previous_tag, r.started_at
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
JOIN merged_pull_requests m ON m.repository = k.repository
WHERE k.version LIKE '%.0'
  AND m.merged_at <= COALESCE(k.cut_at, 9223372036854775807)
  AND m.merged_at > COALESCE((SELECT MAX(p.cut_at) FROM release_cuts p WHERE p.repository = k.repository
                              AND p.version LIKE '%.0' AND p.cut_at < COALESCE(k.cut_at, 9223372036854775807)), 0)
  AND m.base_ref NOT LIKE substr(k.branch, 1, length(k.branch) - length(k.version)) || '%'
UNION ALL
SELECT k.repository, k.version, 'pick', p.number,
       CASE WHEN p.url LIKE '%/pull/%' THEN CAST(substr(p.url, length(rtrim(p.url, '0123456789')) + 1) AS BIGINT) END,
       p.state, NULL, p.url, p.detail, NULL, p.updated_at
FROM known k
JOIN cherry_picks p ON p.repository = k.repository AND p.target = k.branch
UNION ALL
SELECT k.repository, k.version, 'fix', m.number, m.number, 'merged', NULL, NULL, m.title, NULL, m.merged_at
FROM known k
JOIN merged_pull_requests m ON m.repository = k.repository AND m.base_ref = k.branch
WHERE m.author NOT LIKE '%[bot]'
UNION ALL
SELECT s.repository, s.version, s.step, NULL,
       CASE WHEN s.url LIKE '%/pull/%' THEN CAST(substr(s.url, length(rtrim(s.url, '0123456789')) + 1) AS BIGINT) END,
       s.state, s.sha, s.url, s.detail, s.forced_over, s.recorded_at
FROM release_steps s;
