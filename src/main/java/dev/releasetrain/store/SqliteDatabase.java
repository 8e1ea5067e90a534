package dev.releasetrain.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded SQLite store. SQLite allows one writer at a time, so every write goes through one thread that
 * commits whatever has queued up in a single transaction (group commit): one fsync covers many deliveries, and a
 * caller's future completes only once its write is durable. Reads use a small pool of their own connections,
 * which WAL mode lets run beside the writer.
 */
public final class SqliteDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int MAX_BATCH = 1024;
    private static final int READERS = 4;

    private final String url;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final BlockingQueue<Write<?>> writes = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private final WalCheckpointer checkpointer;
    /** Per connection; a connection is only ever used by one thread at a time, so each map is too. */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService completions = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "db-completions");
                t.setDaemon(true);
                return t;
            });
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final List<Runnable> wakers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private record Write<T>(SqlFunction<T> work, CompletableFuture<T> done) {
    }

    SqliteDatabase(String url) throws SQLException {
        this.url = url;
        createPrivately(url);
        this.writer = open(url);
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: a commit is on disk when it returns, so a 2xx is never sent for a delivery a power cut could lose.
            s.execute("PRAGMA synchronous=FULL");
            // checkpoints run on their own connection (below), not inside the writer's commits
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
        SchemaMigrations.apply(url);
        for (int i = 0; i < READERS; i++) {
            readers.add(open(url));
        }
        writerThread = new Thread(this::writeLoop, "db-writer");
        writerThread.setDaemon(true);
        writerThread.start();
        checkpointer = WalCheckpointer.start(() -> open(url));
    }

    /**
     * A new database file is created readable by its owner only (it holds payloads and tokens' traces); SQLite gives
     * its write-ahead log and shared-memory files the same mode.
     */
    private static void createPrivately(String url) throws SQLException {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return; // in memory, or a URI form: nothing of ours to create
        }
        java.nio.file.Path file = java.nio.file.Path.of(path);
        if (java.nio.file.Files.exists(file)) {
            return;
        }
        try {
            java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | java.nio.file.FileAlreadyExistsException ignored) {
            // not a POSIX file system, or another process made it first: SQLite opens it as it is
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the database file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(String url) throws SQLException {
        Properties options = new Properties();
        // otherwise sqlite-jdbc prepares and runs "SELECT last_insert_rowid()" after every INSERT, for a
        // getGeneratedKeys nothing here calls: on the single writer, once per delivery
        options.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection(url, options);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    /** Compiled once per connection and kept: SQLite compiles SQL on every prepare, which the hot paths would pay per delivery. */
    @Override
    public PreparedStatement prepared(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> cache = statements.computeIfAbsent(c, k -> new ConcurrentHashMap<>());
        PreparedStatement s = cache.get(sql);
        if (s == null) {
            s = c.prepareStatement(sql);
            cache.put(sql, s);
        }
        return s;
    }

    @Override
    public <T> CompletableFuture<T> write(SqlFunction<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new SQLException("the store is closed"));
            return done;
        }
        writes.add(new Write<>(work, done));
        return done;
    }

    @Override
    public <T> T read(SqlFunction<T> work) throws SQLException {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection");
        }
        try {
            return work.apply(c);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Optional<String> trouble() {
        if (closed || !writerThread.isAlive()) {
            return Optional.of("the store is closed");
        }
        try {
            read(c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the database cannot be read: " + e.getMessage());
        }
    }

    /** One process owns the file: announcing work is waking this process's workers. */
    @Override
    public void announceWork() {
        wakers.forEach(Runnable::run);
    }

    @Override
    public void onWork(Runnable wake) {
        wakers.add(wake);
    }

    /** One process owns the file, so a lock in this JVM is a lock for everyone. */
    @Override
    public <T> T exclusively(String name, Work<T> work) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        List<Write<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !writes.isEmpty()) {
            try {
                Write<?> first = writes.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                writes.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                checkpointer.copyTailIfDue(writer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Write<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            writer.setAutoCommit(false);
            // prepared once: a plain statement would compile its SQL twice per delivery
            PreparedStatement savepoint = prepared(writer, "SAVEPOINT w");
            PreparedStatement release = prepared(writer, "RELEASE w");
            for (Write<?> w : batch) {
                // each write in a savepoint: one failing write must not take the others down with it
                savepoint.execute();
                try {
                    results.add(w.work().apply(writer));
                    release.execute();
                } catch (SQLException | RuntimeException e) {
                    prepared(writer, "ROLLBACK TO w").execute();
                    release.execute();
                    results.add(new Failure(e));
                }
            }
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the connection is in trouble already; the callers hear about the first error
            }
            List<Write<?>> failed = List.copyOf(batch);
            completions.execute(() -> failed.forEach(w -> w.done().completeExceptionally(e)));
            return;
        } finally {
            try {
                writer.setAutoCommit(true);
            } catch (SQLException ignored) {
                // next batch will report it
            }
        }
        List<Write<?>> committed = List.copyOf(batch);
        // callers' continuations (answering HTTP, queueing work) must not run on, and slow down, the one writer thread
        completions.execute(() -> {
            for (int i = 0; i < committed.size(); i++) {
                complete(committed.get(i), results.get(i));
            }
        });
    }

    private record Failure(Exception error) {
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Write<T> w, Object result) {
        if (result instanceof Failure f) {
            w.done().completeExceptionally(f.error());
        } else {
            w.done().complete((T) result);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writerThread.join(10_000);
            checkpointer.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completions.shutdown();
        try {
            completions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("final checkpoint failed; the log is replayed at the next start: {}", e.getMessage());
        }
        List<Connection> all = new ArrayList<>(readers);
        all.add(writer);
        for (Connection c : all) {
            try {
                for (PreparedStatement s : statements.getOrDefault(c, Map.of()).values()) {
                    s.close();
                }
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
