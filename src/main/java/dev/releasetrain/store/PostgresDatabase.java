package dev.releasetrain.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL, shared by every replica: a HikariCP pool, one transaction per write (PostgreSQL runs them side by
 * side), advisory locks for work one replica at a time may do, and LISTEN/NOTIFY to wake idle replicas.
 */
final class PostgresDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final String CHANNEL = "release_train_work";
    /** First key of every advisory lock this app takes, so its locks cannot meet another application's. */
    private static final int LOCK_SPACE = 0x52_54_00_01;

    private final Database.Address address;
    private final HikariDataSource pool;
    private final ExecutorService writers;
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor(daemon("db-notify"));
    private final AtomicBoolean notifyPending = new AtomicBoolean();
    private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
    private final Thread listener;
    private volatile boolean closed;

    PostgresDatabase(Database.Address address) throws SQLException {
        this.address = address;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(address.url());
        address.user().ifPresent(config::setUsername);
        address.password().ifPresent(config::setPassword);
        config.setPoolName("release-train");
        config.setMaximumPoolSize(address.poolSize());
        config.setMinimumIdle(Math.min(2, address.poolSize()));
        // the door waits at most this long for a connection before answering 503: GitHub gives up after 10 s
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(1);
        try {
            this.pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new SQLException("PostgreSQL at " + address.redacted() + " cannot be reached: " + rootMessage(e), e);
        }
        try {
            SchemaMigrations.apply(pool);
        } catch (SQLException e) {
            pool.close();
            throw e;
        }
        int threads = address.poolSize();
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "db-write-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.listener = new Thread(this::listen, "db-listen");
        listener.setDaemon(true);
        listener.start();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /** PostgreSQL's driver keeps its own server-side statements per connection; the pool closes ours on return. */
    @Override
    public PreparedStatement prepared(Connection c, String sql) throws SQLException {
        return c.prepareStatement(sql);
    }

    @Override
    public <T> CompletableFuture<T> write(SqlFunction<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new SQLException("the store is closed"));
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        writers.execute(() -> {
            try {
                done.complete(transaction(work));
            } catch (SQLException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** On the caller's thread: no queue to wait in. */
    @Override
    public <T> T writeNow(SqlFunction<T> work) throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        return transaction(work);
    }

    private <T> T transaction(SqlFunction<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool drops it and the caller hears the first error
                }
                throw e;
            }
        }
    }

    @Override
    public <T> T read(SqlFunction<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        }
    }

    @Override
    public Optional<String> trouble() {
        if (closed) {
            return Optional.of("the store is closed");
        }
        try (Connection c = pool.getConnection()) {
            return c.isValid(1) ? Optional.empty() : Optional.of("PostgreSQL does not answer");
        } catch (SQLException e) {
            return Optional.of("PostgreSQL cannot be reached: " + rootMessage(e));
        }
    }

    /**
     * A session-level advisory lock on a connection held for the work: PostgreSQL releases it if this replica
     * dies, so a crashed holder never blocks the fleet.
     */
    @Override
    public <T> T exclusively(String name, Work<T> work) throws Exception {
        int key = lockKey(name);
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, key);
                lock.execute();
            }
            try {
                return work.run();
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    unlock.setInt(1, LOCK_SPACE);
                    unlock.setInt(2, key);
                    unlock.execute();
                } catch (SQLException e) {
                    // a broken connection has released the lock with the session
                    log.warn("could not release the lock on {}: {}", name, e.getMessage());
                }
            }
        }
    }

    /** A stable 32-bit key for a lock name (two names sharing one only makes them wait for each other). */
    private static int lockKey(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Wakes this replica's workers at once and, a few milliseconds later, every replica's through NOTIFY: a burst
     * of deliveries sends one notification, not one each.
     */
    @Override
    public void announceWork() {
        wakers.forEach(Runnable::run);
        if (!closed && notifyPending.compareAndSet(false, true)) {
            notifier.schedule(this::sendNotify, 5, TimeUnit.MILLISECONDS);
        }
    }

    private void sendNotify() {
        notifyPending.set(false);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + CHANNEL);
        } catch (SQLException e) {
            // the others find the work at their next poll
            log.debug("could not notify the other replicas: {}", e.getMessage());
        }
    }

    @Override
    public void onWork(Runnable wake) {
        wakers.add(wake);
    }

    /** Listens on its own connection (outside the pool) and reconnects after losing it. */
    private void listen() {
        long backoff = 500;
        while (!closed) {
            Properties credentials = new Properties();
            address.user().ifPresent(u -> credentials.setProperty("user", u));
            address.password().ifPresent(p -> credentials.setProperty("password", p));
            try (Connection c = DriverManager.getConnection(address.url(), credentials); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                backoff = 500;
                wakers.forEach(Runnable::run); // whatever was announced while this connection was down
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(1_000);
                    if (got != null && got.length > 0) {
                        wakers.forEach(Runnable::run);
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                log.debug("lost the notification connection ({}); again in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        notifier.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }
}
