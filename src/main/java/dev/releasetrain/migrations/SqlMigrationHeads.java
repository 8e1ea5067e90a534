package dev.releasetrain.migrations;

import dev.releasetrain.store.Database;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The migration heads in the database's {@code migration_heads} table. */
public record SqlMigrationHeads(Database db) implements MigrationHeads {
    @Override
    public void record(String repository, long number, String head) throws SQLException {
        db.update("INSERT INTO migration_heads (repository, number, head_sha, conclusion) VALUES (?,?,?,NULL) "
                + "ON CONFLICT (repository, number) DO UPDATE SET head_sha = excluded.head_sha, conclusion = NULL", repository, number, head);
    }

    @Override
    public void conclude(String repository, String head, String conclusion) throws SQLException {
        db.update("UPDATE migration_heads SET conclusion = ? WHERE repository = ? AND head_sha = ?", conclusion, repository, head);
    }

    @Override
    public Optional<String> latest(String repository, long number) throws SQLException {
        return db.query("SELECT head_sha FROM migration_heads WHERE repository = ? AND number = ?", rs -> rs.getString(1), repository, number)
                .stream().findFirst();
    }

    @Override
    public Optional<Long> numberAt(String repository, String head) throws SQLException {
        return db.query("SELECT number FROM migration_heads WHERE repository = ? AND head_sha = ?", rs -> rs.getLong(1), repository, head)
                .stream().findFirst();
    }

    @Override
    public Map<Long, String> notSafe(String repository) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        db.query("SELECT number, COALESCE(conclusion, 'pending') FROM migration_heads WHERE repository = ? "
                + "AND (conclusion IS NULL OR conclusion <> 'success') ORDER BY number", rs -> out.put(rs.getLong(1), rs.getString(2)), repository);
        return out;
    }
}
