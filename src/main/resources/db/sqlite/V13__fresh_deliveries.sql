-- Deliveries never tried yet, oldest first: the claim's second window, so that one repository's retries (however
-- many) never keep another's new deliveries from being seen.
CREATE INDEX deliveries_fresh ON deliveries (seq) WHERE state = 'pending' AND attempts = 0;
