INSERT INTO audit_log (message) VALUES ('operator asked: DROP TABLE users; -- no');
INSERT INTO audit_log (message) VALUES ('it''s fine; TRUNCATE nothing');
