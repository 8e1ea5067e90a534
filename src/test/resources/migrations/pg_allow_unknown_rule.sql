-- release-train: allow drop-colum: a typo in the rule
ALTER TABLE users DROP COLUMN nickname;
