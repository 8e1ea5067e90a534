-- A pick whose release branch is not cut yet waits ('waiting') instead of failing: a fix labelled early is in a
-- release cut from the default branch, and a patch's is picked once its branch exists. A pick's pull request is
-- 'open' until it merges ('done') or is closed without merging ('missing'): a pick counts when it lands.
ALTER TABLE cherry_picks DROP CONSTRAINT cherry_picks_state_check;
ALTER TABLE cherry_picks ADD CONSTRAINT cherry_picks_state_check
    CHECK (state IN ('requested', 'waiting', 'open', 'done', 'already', 'failed', 'missing', 'refused'));
