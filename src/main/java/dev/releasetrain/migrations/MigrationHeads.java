package dev.releasetrain.migrations;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The head each pull request's migration check is for: a push supersedes the wait on the head before. */
final class MigrationHeads {
    private final Database db;

    MigrationHeads(Database db) {
        this.db = db;
    }

    void record(String repository, long number, String head) throws SQLException {
        db.update("INSERT INTO migration_heads (repository, number, head_sha) VALUES (?,?,?) "
                + "ON CONFLICT (repository, number) DO UPDATE SET head_sha = excluded.head_sha", repository, number, head);
    }

    Optional<String> latest(String repository, long number) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT head_sha FROM migration_heads WHERE repository = ? AND number = ?")) {
                q.setString(1, repository);
                q.setLong(2, number);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
