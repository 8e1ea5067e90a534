-- Later, in 1.32: DROP TABLE users_old;
/* and then: ALTER TABLE users DROP COLUMN legacy_token; */
CREATE TABLE feature_flags (
    id serial PRIMARY KEY,
    key text NOT NULL UNIQUE
);
