-- Which GitHub App verified each delivery (or scheduled a follow-up): a replica claims only its own app's, so a
-- replica registered to another app on the same database (a stranger's setup, a mistake) never has its deliveries
-- run with this app's rights. Rows from before carry none and stay anyone's.
ALTER TABLE deliveries ADD COLUMN app_id BIGINT;
ALTER TABLE follow_ups ADD COLUMN app_id BIGINT;
