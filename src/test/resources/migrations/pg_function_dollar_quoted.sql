CREATE OR REPLACE FUNCTION cleanup_tmp() RETURNS void AS $body$
BEGIN
    DROP TABLE IF EXISTS tmp_import;
    TRUNCATE tmp_stats;
END;
$body$ LANGUAGE plpgsql;
