package dev.releasetrain.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Work one replica of the fleet does at a time: a named job is held under a lease (a holder that dies lets it go
 * when the lease runs out), and remembers where its last finished run started.
 */
public final class FleetJobs {
    private final Database db;

    public FleetJobs(Database db) {
        this.db = db;
    }

    /** A job this replica holds: when its last finished run started (empty: it never ran). */
    public record Held(OptionalLong lastRunAt) {
    }

    /** Takes the job for {@code holder} unless another holder's lease is still running. */
    public Optional<Held> take(String name, String holder, long now, long leaseMillis) throws SQLException {
        return db.writeNow(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO fleet_jobs (name, lease_until) VALUES (?, 0) "
                    + "ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            try (PreparedStatement take = c.prepareStatement("UPDATE fleet_jobs SET holder = ?, lease_until = ? "
                    + "WHERE name = ? AND (lease_until < ? OR holder = ?) RETURNING last_run_at")) {
                Database.bind(take, holder, now + leaseMillis, name, now, holder);
                try (ResultSet rs = take.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long last = rs.getLong(1);
                    return Optional.of(new Held(rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(last)));
                }
            }
        });
    }

    /** Lets the job go; {@code startedAt} is where the next run's window begins. */
    public void finish(String name, String holder, long startedAt) throws SQLException {
        db.update("UPDATE fleet_jobs SET holder = NULL, lease_until = 0, last_run_at = ? WHERE name = ? AND holder = ?", startedAt, name, holder);
    }

    /** Lets the job go without a finished run (it failed): the next run covers this one's window too. */
    public void release(String name, String holder) throws SQLException {
        db.update("UPDATE fleet_jobs SET holder = NULL, lease_until = 0 WHERE name = ? AND holder = ?", name, holder);
    }
}
