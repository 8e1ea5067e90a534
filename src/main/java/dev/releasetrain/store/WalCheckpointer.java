package dev.releasetrain.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/** SQLite's write-ahead log copied into the database off the writer's path, and started over under a flood. */
final class WalCheckpointer {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    /** What the writer copies itself is at most about this many frames (4 KB each), between two of its commits. */
    private static final int WAL_TAIL_FRAMES = 1024;

    /** Opens the checkpointer's own connection. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final Thread thread;
    private volatile boolean stopped;
    /** Set when only a tail of the log is left for the writer to copy. */
    private volatile boolean tailDue;

    private WalCheckpointer(Connections connections) {
        this.connections = connections;
        this.thread = new Thread(this::run, "db-checkpoint");
        this.thread.setDaemon(true);
    }

    static WalCheckpointer start(Connections connections) {
        WalCheckpointer c = new WalCheckpointer(connections);
        c.thread.start();
        return c;
    }

    /**
     * Copies the write-ahead log into the database once a second. PASSIVE never blocks the writer, so the door's
     * latency does not carry the checkpoint's I/O as it would with SQLite's automatic checkpoints. But the log only
     * starts over from its beginning when a write finds every frame copied, which never happens while the writer
     * keeps appending (under a sustained flood it grew by 50 MB a second): so passes run back to back until one saw
     * at most about a thousand frames appended, and the writer copies the rest itself between two commits, when
     * nothing appends; its next transaction starts the log over.
     */
    private void run() {
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            long lastTail = System.nanoTime();
            while (!stopped) {
                Thread.sleep(1_000);
                // a pass copies the log as it was when the pass began; what was appended meanwhile waits for the next
                // one, and each pass is much shorter than the one before it: a few converge (a bounded few)
                long frames = checkpoint(s);
                long appended = Long.MAX_VALUE;
                for (int pass = 1; pass < 8 && appended > WAL_TAIL_FRAMES && !stopped; pass++) {
                    long now = checkpoint(s);
                    appended = now - frames;
                    frames = now;
                }
                // every few seconds only: the writer's copy holds up the commits queued behind it for milliseconds;
                // and if the passes never get that close (a disk slower than the flood), the writer copies the lot
                long since = System.nanoTime() - lastTail;
                if (appended <= WAL_TAIL_FRAMES && since >= TimeUnit.SECONDS.toNanos(5) || since >= TimeUnit.SECONDS.toNanos(15)) {
                    lastTail = System.nanoTime();
                    tailDue = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.warn("background checkpoints stopped: {}", e.getMessage());
        }
    }

    /** A PASSIVE checkpoint; returns the frames in the log as the checkpoint saw it. */
    private static long checkpoint(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return r.next() ? r.getLong(2) : 0;
        }
    }

    /** Called by the writer between two commits: copies the log's tail when the passes left one, so the log starts over. */
    void copyTailIfDue(Connection writer) {
        if (!tailDue) {
            return;
        }
        tailDue = false;
        try (Statement s = writer.createStatement()) {
            checkpoint(s);
        } catch (SQLException e) {
            log.warn("checkpoint on the writer failed: {}", e.getMessage());
        }
    }

    void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
