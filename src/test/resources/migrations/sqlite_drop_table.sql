DROP TABLE IF EXISTS old_sessions;
