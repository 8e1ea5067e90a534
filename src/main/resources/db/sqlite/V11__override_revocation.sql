-- An emergency override ends when the emergency label is removed: the review check is judged again without it.
ALTER TABLE emergency_overrides ADD COLUMN revoked_at INTEGER;
