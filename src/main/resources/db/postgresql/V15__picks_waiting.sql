-- A pick whose release branch is not cut yet waits ('waiting') instead of failing: a fix labelled early is in a
-- release cut from the default branch, and a patch's is picked once its branch exists.
ALTER TABLE cherry_picks DROP CONSTRAINT cherry_picks_state_check;
ALTER TABLE cherry_picks ADD CONSTRAINT cherry_picks_state_check
    CHECK (state IN ('requested', 'waiting', 'done', 'already', 'failed', 'refused'));
