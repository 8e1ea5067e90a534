-- release-train: allow-file drop-table: these staging tables were never read by the app
DROP TABLE staging_a;

DROP TABLE staging_b;
