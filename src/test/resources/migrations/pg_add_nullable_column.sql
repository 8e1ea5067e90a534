-- 0042: nicknames are optional
ALTER TABLE users ADD COLUMN nickname text;
