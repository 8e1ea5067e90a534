package dev.releasetrain.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQLite's write-ahead log under writes that never pause, as in a flood of deliveries. */
class WriteAheadLogTest {
    @TempDir
    Path dir;

    @Test
    void theLogStartsOverWhileWritesNeverPause() throws Exception {
        Path file = dir.resolve("flood.db");
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE flood (n INTEGER PRIMARY KEY, body TEXT NOT NULL)");
                }
                return null;
            }).get();
            // writes always queued, so the writer is never between transactions for more than a moment: the log only
            // starts over if something makes it (it used to grow for as long as the writes went on)
            Path log = dir.resolve("flood.db-wal");
            long started = System.nanoTime();
            Integer first = null;
            Deque<CompletableFuture<Object>> inFlight = new ArrayDeque<>();
            while (System.nanoTime() - started < 12_000_000_000L) {
                inFlight.add(db.write(c -> {
                    PreparedStatement insert = db.prepared(c, "INSERT INTO flood (body) VALUES ('a delivery')");
                    insert.executeUpdate();
                    return null;
                }));
                if (inFlight.size() == 16) {
                    inFlight.remove().get();
                }
                if (first == null && System.nanoTime() - started > 1_000_000_000L) {
                    first = checkpointSequence(log);
                }
            }
            int last = checkpointSequence(log);
            assertTrue(last > first, "the log started over " + (last - first) + " times in 11 s of writes");
        }
    }

    /** The log's header counts its restarts: the checkpoint sequence number, a big-endian integer at byte 12. */
    private static int checkpointSequence(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return ByteBuffer.wrap(in.readNBytes(16)).getInt(12);
        }
    }
}
