ALTER TABLE accounts ADD COLUMN region varchar(16) NOT NULL DEFAULT 'eu';
