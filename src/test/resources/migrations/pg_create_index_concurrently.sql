-- no transaction: CONCURRENTLY cannot run inside one
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_team ON events (team_id, created_at);
