package dev.releasetrain.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database written before Flyway, and one written by a newer Release Train. */
class SchemaHistoryTest {
    @TempDir
    Path dir;

    /** What the hand-written runner left: scripts V1–V9 applied and counted in user_version, a delivery pending. */
    private String beforeFlyway() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String v : List.of("V1__deliveries", "V2__github_state", "V3__review_audit", "V4__migration_checks", "V5__cherry_picks",
                    "V6__release_notes", "V7__releases", "V8__migration_conclusions", "V9__check_run_creates")) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/sqlite/" + v + ".sql")) {
                    for (String statement : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";\\s*\\n")) {
                        if (!statement.replaceAll("(?m)--.*$", "").isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
            }
            s.execute("PRAGMA user_version=9");
            s.execute("INSERT INTO deliveries (id, event, payload, received_at, state, next_attempt_at) VALUES ('kept', 'push', x'00', 1, 'pending', 1)");
        }
        return url;
    }

    @Test
    void aDatabaseFromBeforeFlywayIsUpgradedInPlaceKeepingItsDeliveries() throws Exception {
        String url = beforeFlyway();
        for (int open = 0; open < 2; open++) { // and opening it again changes nothing
            try (Database db = Database.open(url)) {
                assertEquals(List.of("kept pending"), db.query("SELECT id || ' ' || state FROM deliveries", rs -> rs.getString(1)));
                assertEquals(List.of(0), db.query("SELECT COUNT(*) FROM follow_ups", rs -> rs.getInt(1)), "V10 applied");
                assertEquals(List.of("9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"), db.query("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank",
                        rs -> rs.getString(1)), "the old versions counted as a baseline, the new one applied once");
            }
        }
    }

    @Test
    void aDatabaseWrittenByANewerReleaseTrainIsRefused() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("newer.db");
        Database.open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, "
                    + "execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'x', 0, 1)");
        }
        SQLException refused = assertThrows(SQLException.class, () -> Database.open(url));
        assertTrue(refused.getMessage().startsWith("the database was written by a newer Release Train"), refused.getMessage());
    }
}
