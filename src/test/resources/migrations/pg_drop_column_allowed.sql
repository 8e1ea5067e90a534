-- release-train: allow drop-column: nickname is unused since 1.28 (PR #812 stopped reading it)
ALTER TABLE users DROP COLUMN nickname;
