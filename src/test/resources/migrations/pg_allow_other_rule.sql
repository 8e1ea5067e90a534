-- release-train: allow drop-table: wrong rule for what follows
ALTER TABLE users DROP COLUMN nickname;
