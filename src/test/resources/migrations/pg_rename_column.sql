ALTER TABLE orders RENAME COLUMN total TO total_cents;
