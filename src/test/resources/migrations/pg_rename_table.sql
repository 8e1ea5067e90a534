ALTER TABLE annotations RENAME TO notes;
