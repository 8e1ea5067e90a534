-- The newest head each pull request's migration check is for: a poll for an older head has been superseded.
CREATE TABLE migration_heads (
    repository TEXT    NOT NULL,
    number     BIGINT NOT NULL,
    head_sha   TEXT    NOT NULL,
    PRIMARY KEY (repository, number)
);
