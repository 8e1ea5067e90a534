-- When the attempt creating a check run claimed it (epoch milliseconds; 0 once that attempt ended without
-- GitHub's answer). A second delivery for the same commit that finds a fresh claim and no run on GitHub waits
-- for the first instead of creating a second run; a claim left by a replica that died goes stale and is taken over.
ALTER TABLE check_runs ADD COLUMN create_claimed_at BIGINT NOT NULL DEFAULT 0;
