INSERT INTO notes (body) VALUES (E'it\'s a DROP TABLE joke; TRUNCATE too');
