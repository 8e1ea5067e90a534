-- A pick that conflicts arrives as a draft pull request with git's conflict markers ('conflict') for a person to
-- resolve; it counts when that pull request merges ('resolved': a person's resolution, which needs its own review).
ALTER TABLE cherry_picks DROP CONSTRAINT cherry_picks_state_check;
ALTER TABLE cherry_picks ADD CONSTRAINT cherry_picks_state_check
    CHECK (state IN ('requested', 'waiting', 'open', 'conflict', 'done', 'resolved', 'already', 'failed', 'missing', 'refused'));
