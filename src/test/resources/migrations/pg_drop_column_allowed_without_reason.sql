-- release-train: allow drop-column
ALTER TABLE users DROP COLUMN nickname;
