package dev.releasetrain.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Brings a database's schema up to date with Flyway: the scripts in {@code db/sqlite} or {@code db/postgresql}, one
 * version history for both, each version applied once (replicas starting together wait on Flyway's lock).
 */
final class SchemaMigrations {
    private SchemaMigrations() {
    }

    /** PostgreSQL, through the pool. */
    static void apply(DataSource pool) throws SQLException {
        migrate(configure("postgresql").dataSource(pool));
    }

    /** An SQLite file, before the store opens its own connections. */
    static void apply(String sqliteUrl) throws SQLException {
        FluentConfiguration config = configure("sqlite").dataSource(sqliteUrl, null, null);
        int legacy = legacyVersion(sqliteUrl);
        if (legacy > 0) {
            config = config.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy));
        }
        migrate(config);
    }

    private static FluentConfiguration configure(String dialect) {
        return Flyway.configure()
                .locations("classpath:db/" + dialect)
                // a version applied here but unknown to this code means a newer Release Train wrote the database
                .ignoreMigrationPatterns(new String[0])
                .cleanDisabled(true);
    }

    private static void migrate(FluentConfiguration config) throws SQLException {
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("not resolved locally")) {
                throw new SQLException("the database was written by a newer Release Train: " + message.lines().findFirst().orElse(""), e);
            }
            throw new SQLException("could not bring the database schema up to date: " + message.lines().findFirst().orElse(""), e);
        }
    }

    /**
     * A SQLite file from before Flyway counted its versions in {@code user_version}; those count as applied (a
     * baseline), so the scripts after them run and none runs twice.
     */
    private static int legacyVersion(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE name = 'flyway_schema_history'")) {
                if (rs.next()) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.getInt(1);
            }
        }
    }
}
