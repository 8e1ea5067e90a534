package dev.releasetrain.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            // starts over if something makes it, and until it does its file grows with every commit
            Path log = dir.resolve("flood.db-wal");
            long started = System.nanoTime();
            long[] sizeAtThird = new long[4];
            Deque<CompletableFuture<Object>> inFlight = new ArrayDeque<>();
            for (int third = 1; third <= 3; ) {
                inFlight.add(db.write(c -> {
                    PreparedStatement insert = db.prepared(c, "INSERT INTO flood (body) VALUES ('a delivery')");
                    insert.executeUpdate();
                    return null;
                }));
                if (inFlight.size() == 16) {
                    inFlight.remove().get();
                }
                if (System.nanoTime() - started >= third * 5_000_000_000L) {
                    sizeAtThird[third++] = Files.size(log);
                }
            }
            long first = sizeAtThird[1];
            long last = sizeAtThird[3] - sizeAtThird[2];
            assertTrue(first > 0, "the log was written");
            // it starts over about every 5 s, and the commits after that fill the file's first part again
            assertTrue(last < first / 2, "the log's file grew by " + first + " bytes in the first 5 s and by " + last + " in the last 5 s");
        }
    }
}
