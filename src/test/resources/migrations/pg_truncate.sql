TRUNCATE TABLE session_recordings;
