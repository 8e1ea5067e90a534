package dev.releasetrain.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Brings a database's schema up to date: the scripts in {@code db/}, in order, each in its own transaction. */
final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    /** Applied in order; the database's user_version says how many have run. */
    private static final List<String> SCRIPTS = List.of("db/V1__deliveries.sql", "db/V2__github_state.sql", "db/V3__review_audit.sql",
            "db/V4__migration_checks.sql", "db/V5__cherry_picks.sql",
            "db/V6__release_notes.sql", "db/V7__releases.sql", "db/V8__migration_conclusions.sql", "db/V9__check_run_creates.sql");

    private SchemaMigrations() {
    }

    /** @param where the database's address, for the message when it is newer than this code */
    static void apply(Connection c, String where) throws SQLException {
        int version;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > SCRIPTS.size()) {
            throw new SQLException("the database at " + where + " was written by a newer Release Train (schema " + version + ")");
        }
        for (int i = version; i < SCRIPTS.size(); i++) {
            String sql = resource(SCRIPTS.get(i));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : sql.split(";\\s*\\n")) {
                    if (!statement.replaceAll("(?m)--.*$", "").isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("PRAGMA user_version=" + (i + 1));
                c.commit();
                log.info("database schema migrated to version {}", i + 1);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
