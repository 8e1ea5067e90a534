CREATE INDEX idx_events_team ON events (team_id, created_at);
