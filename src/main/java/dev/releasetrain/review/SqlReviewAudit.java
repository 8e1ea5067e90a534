package dev.releasetrain.review;

import dev.releasetrain.store.Database;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The review audit in the database's {@code emergency_overrides} and {@code post_merge_reviews} tables. */
public record SqlReviewAudit(Database db) implements ReviewAudit {
    @Override
    public void recordOverride(String repository, long number, EmergencyOverride o) throws SQLException {
        db.update("INSERT INTO emergency_overrides (repository, number, head_sha, actor, reason, created_at) VALUES (?,?,?,?,?,?) "
                + "ON CONFLICT (repository, number, head_sha, actor, reason) DO UPDATE SET revoked_at = NULL", repository, number,
                o.headSha(), o.actor(), o.reason(), o.at());
    }

    @Override
    public void endOverrides(String repository, long number, long now) throws SQLException {
        db.update("UPDATE emergency_overrides SET revoked_at = ? WHERE repository = ? AND number = ? AND revoked_at IS NULL", now,
                repository, number);
    }

    @Override
    public Optional<EmergencyOverride> override(String repository, long number) throws SQLException {
        return db.query("SELECT actor, reason, head_sha, created_at FROM emergency_overrides WHERE repository = ? AND number = ? "
                + "AND revoked_at IS NULL ORDER BY id DESC LIMIT 1", rs -> new EmergencyOverride(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                repository, number).stream().findFirst();
    }

    @Override
    public List<Recorded> overrides() throws SQLException {
        return db.query("SELECT repository, number, actor, reason, head_sha, created_at FROM emergency_overrides ORDER BY id",
                rs -> new Recorded(rs.getString(1), rs.getLong(2), new EmergencyOverride(rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6))));
    }

    @Override
    public void openCase(String repository, long number, String mergedSha, String author, long now) throws SQLException {
        db.update("INSERT INTO post_merge_reviews (repository, number, merged_sha, author, opened_at) VALUES (?,?,?,?,?) "
                + "ON CONFLICT DO NOTHING", repository, number, mergedSha, author, now);
    }

    @Override
    public void closeCase(String repository, long number, String reviewer, long now) throws SQLException {
        db.update("UPDATE post_merge_reviews SET closed_at = ?, reviewer = ? WHERE repository = ? AND number = ? AND closed_at IS NULL",
                now, reviewer, repository, number);
    }

    @Override
    public Optional<Case> find(String repository, long number) throws SQLException {
        return cases("WHERE repository = ? AND number = ?", repository, number).stream().findFirst();
    }

    @Override
    public List<Case> cases() throws SQLException {
        return cases("");
    }

    @Override
    public List<Case> openCases(String repository) throws SQLException {
        return cases("WHERE repository = ? AND closed_at IS NULL", repository);
    }

    private List<Case> cases(String where, Object... args) throws SQLException {
        return db.query("SELECT repository, number, merged_sha, author, opened_at, closed_at, reviewer FROM post_merge_reviews "
                + where + " ORDER BY opened_at", rs -> {
                    long closed = rs.getLong(6);
                    Long closedAt = rs.wasNull() ? null : closed; // wasNull speaks of the last column read: ask now
                    return new Case(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), closedAt, rs.getString(7));
                }, args);
    }
}
