-- How each pull request's migration check last concluded (NULL while it waits for a verdict): a release is not
-- tagged while a pull request in it carries migrations not known to be safe.
ALTER TABLE migration_heads ADD COLUMN conclusion TEXT;
