package dev.releasetrain.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The store's contract, kept by the embedded SQLite file (one process) and by PostgreSQL (any number of replicas).
 * Callers write SQL both understand; where the two differ they ask {@link #dialect()}.
 */
public interface Database extends Locks, AutoCloseable {

    /** The SQL a store speaks where the two differ, and whether one process owns it. */
    enum Dialect {
        SQLITE, POSTGRESQL;

        /** SQLite's file belongs to one process: nothing another process holds can be in it. */
        public boolean singleProcess() {
            return this == SQLITE;
        }
    }

    /** Where the store is and how to reach it: {@code DATABASE_URL}, and credentials when not in the URL. */
    record Address(String url, Optional<String> user, Optional<String> password, int poolSize) {
        public static Address of(String url) {
            return new Address(url, Optional.empty(), Optional.empty(), 10);
        }

        public Dialect dialect() {
            return url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.SQLITE;
        }

        /** The URL without a password, for log lines and messages. */
        public String redacted() {
            return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
        }
    }

    /** Opens the store at {@code address} and brings its schema up to date. */
    static Database open(Address address) throws SQLException {
        return address.dialect() == Dialect.POSTGRESQL ? new PostgresDatabase(address) : new SqliteDatabase(address.url());
    }

    /** Shorthand for a URL with its credentials in it. */
    static Database open(String url) throws SQLException {
        return open(Address.of(url));
    }

    Dialect dialect();

    /**
     * A statement for {@code sql} on {@code c}, which callers must not close (they may close its result sets):
     * SQLite keeps it compiled per connection; PostgreSQL's pool closes it when the connection goes back.
     */
    PreparedStatement prepared(Connection c, String sql) throws SQLException;

    /** Queues a write; the future completes after the transaction holding it has committed. */
    <T> CompletableFuture<T> write(SqlFunction<T> work);

    /** Work on a connection outside a transaction of its own (each statement commits), for reads. */
    <T> T read(SqlFunction<T> work) throws SQLException;

    /** Why the store cannot be used right now, if it cannot: what {@code /readyz} says. */
    Optional<String> trouble();


    /** There is new work: wakes this process's workers at once and, on PostgreSQL, every other replica's soon after. */
    void announceWork();

    /** Calls {@code wake} whenever any replica announces work (and after a lost notification channel returns). */
    void onWork(Runnable wake);

    @Override
    void close();

    /** A write the caller waits for. */
    default <T> T writeNow(SqlFunction<T> work) throws SQLException {
        try {
            return write(work).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /** A single-statement write with its arguments bound in order (null binds SQL NULL); returns the rows changed. */
    default int update(String sql, Object... args) throws SQLException {
        return writeNow(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                return s.executeUpdate();
            }
        });
    }

    /** Reads one row of a result set into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row a one-statement query returns, each read into a value. */
    default <T> List<T> query(String sql, RowReader<T> reader, Object... args) throws SQLException {
        return read(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Binds arguments in order: null, numbers, strings and byte arrays, as both drivers take them through setObject. */
    static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                s.setNull(i + 1, java.sql.Types.NULL);
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
    }
}
