-- widen the id
ALTER TABLE events ALTER COLUMN id TYPE bigint;
