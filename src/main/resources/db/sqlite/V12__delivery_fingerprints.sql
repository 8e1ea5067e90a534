-- A delivery's body, as its signature fingerprints it: the same signed body re-posted under another delivery id (a
-- captured payload replayed) is recognised and not run again. Follow-ups have none.
ALTER TABLE deliveries ADD COLUMN fingerprint TEXT;
CREATE UNIQUE INDEX deliveries_fingerprint ON deliveries (fingerprint);
