-- one statement over five lines
CREATE TABLE keep_me (id int);
ALTER TABLE
    orders
    DROP
    COLUMN legacy_flag;
