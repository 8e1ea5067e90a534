package dev.releasetrain.migrations;

import dev.releasetrain.store.Database;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The head each pull request's migration check is for (a push supersedes the wait on the head before) and how
 * that check concluded, which a release reads to know whether its migrations are safe.
 */
public final class MigrationHeads {
    private final Database db;

    public MigrationHeads(Database db) {
        this.db = db;
    }

    /** A new check for this head: its conclusion is not known until it completes. */
    void record(String repository, long number, String head) throws SQLException {
        db.update("INSERT INTO migration_heads (repository, number, head_sha, conclusion) VALUES (?,?,?,NULL) "
                + "ON CONFLICT (repository, number) DO UPDATE SET head_sha = excluded.head_sha, conclusion = NULL", repository, number, head);
    }

    void conclude(String repository, String head, String conclusion) throws SQLException {
        db.update("UPDATE migration_heads SET conclusion = ? WHERE repository = ? AND head_sha = ?", conclusion, repository, head);
    }

    Optional<String> latest(String repository, long number) throws SQLException {
        return db.query("SELECT head_sha FROM migration_heads WHERE repository = ? AND number = ?", rs -> rs.getString(1), repository, number)
                .stream().findFirst();
    }

    /** The pull request whose migrations were last checked at this head. */
    Optional<Long> numberAt(String repository, String head) throws SQLException {
        return db.query("SELECT number FROM migration_heads WHERE repository = ? AND head_sha = ?", rs -> rs.getLong(1), repository, head)
                .stream().findFirst();
    }

    /** Pull requests whose latest migration check did not conclude success, with how it stands ("pending" while running). */
    public Map<Long, String> notSafe(String repository) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        db.query("SELECT number, COALESCE(conclusion, 'pending') FROM migration_heads WHERE repository = ? "
                + "AND (conclusion IS NULL OR conclusion <> 'success') ORDER BY number", rs -> out.put(rs.getLong(1), rs.getString(2)), repository);
        return out;
    }
}
