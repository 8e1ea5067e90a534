-- A check run being created: GitHub's answer (its id) is not known yet. A later attempt that finds this mark asks
-- GitHub whether the run exists before creating one (a crash or a lost answer may have come between); without the
-- mark it creates straight away, so the common path costs no look-up.
ALTER TABLE check_runs ADD COLUMN creating INTEGER NOT NULL DEFAULT 0;
