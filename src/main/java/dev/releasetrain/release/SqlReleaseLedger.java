package dev.releasetrain.release;

import dev.releasetrain.store.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The ledger in the database: the {@code release_ledger} view, and the {@code release_steps} table it reads steps from. */
public record SqlReleaseLedger(Database db, Clock clock) implements ReleaseLedger {
    @Override
    public List<LedgerEntry> of(String repository, Version version) throws SQLException {
        return db.query("SELECT kind, number, pull_request, state, sha, url, detail, forced_over, at FROM release_ledger "
                + "WHERE repository = ? AND version = ? ORDER BY CASE kind WHEN 'cut' THEN 0 WHEN 'taken' THEN 1 WHEN 'pick' THEN 2 "
                + "WHEN 'fix' THEN 3 WHEN 'bump' THEN 4 WHEN 'tag' THEN 5 ELSE 6 END, number, at", SqlReleaseLedger::row,
                repository, version.toString());
    }

    private static LedgerEntry row(ResultSet rs) throws SQLException {
        return new LedgerEntry(LedgerEntry.Kind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), optionalLong(rs, 2), optionalLong(rs, 3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9));
    }

    private static Long optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    @Override
    public void record(String repository, Version version, LedgerEntry.Step step) throws SQLException {
        db.update("INSERT INTO release_steps (repository, version, step, state, sha, url, detail, forced_over, recorded_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (repository, version, step) DO UPDATE SET state = excluded.state, "
                + "sha = COALESCE(excluded.sha, release_steps.sha), url = COALESCE(excluded.url, release_steps.url), "
                + "detail = COALESCE(release_steps.detail, excluded.detail), "
                + "forced_over = COALESCE(excluded.forced_over, release_steps.forced_over), recorded_at = excluded.recorded_at",
                repository, version.toString(), step.kind().stored(), step.state(), step.sha(), step.url(), step.detail(), step.forcedOver(),
                clock.millis());
    }

    @Override
    public void forget(String repository, Version version, LedgerEntry.Kind step) throws SQLException {
        db.update("DELETE FROM release_steps WHERE repository = ? AND version = ? AND step = ?", repository, version.toString(), step.stored());
    }
}
