package dev.releasetrain.cherrypick;

import dev.releasetrain.store.Database;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** The cherry-pick records in the database's {@code cherry_picks} table. */
public record SqlCherryPickRecords(Database db, Clock clock) implements CherryPickRecords {
    @Override
    public void put(String repo, long number, Row row) throws SQLException {
        db.update("INSERT INTO cherry_picks (repository, number, target, state, detail, url, requested_by, updated_at) "
                + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (repository, number, target) DO UPDATE SET state = excluded.state, "
                + "detail = excluded.detail, url = excluded.url, requested_by = COALESCE(excluded.requested_by, cherry_picks.requested_by), "
                + "updated_at = excluded.updated_at", repo, number, row.target(), row.state().stored(), row.detail(), row.url(), row.requestedBy(),
                clock.millis());
    }

    @Override
    public List<Row> of(String repo, long number) throws SQLException {
        return db.query("SELECT target, state, detail, url, requested_by FROM cherry_picks WHERE repository = ? AND number = ? "
                + "ORDER BY target", rs -> new Row(rs.getString(1), PickState.stored(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5)),
                repo, number);
    }

    @Override
    public List<Long> waitingFor(String repo, String target, int limit) throws SQLException {
        return db.query("SELECT number FROM cherry_picks WHERE repository = ? AND target = ? AND state = ? ORDER BY updated_at, number LIMIT ?",
                rs -> rs.getLong(1), repo, target, PickState.WAITING.stored(), limit);
    }
}
