package dev.releasetrain.hostile;

import dev.releasetrain.testing.ChildServer;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.Payloads;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A delivery that takes its process down every time it runs (a fatal bug a stranger's payload found), through the
 * real door and real processes restarted on the same store: after MAX_ATTEMPTS crashes it is dead, with why, and the
 * next start stays up and runs everything else.
 */
class CrashLoopTest {
    @TempDir
    Path dir;

    @Test
    void aDeliveryThatKillsItsProcessEachTimeIsDeadAfterItsAttemptsAndTheServerStaysUp() throws Exception {
        Path db = dir.resolve("loop.db");
        Path record = dir.resolve("completed.txt");
        Files.createFile(record);
        String poison = Ids.id("poison");
        Map<String, String> env = TestServer.settings("http://127.0.0.1:9");
        env.put("PRIVATE_KEY", TestKeys.privatePem());
        env.put("MAX_ATTEMPTS", "3");
        env.put("HALT_ON_DELIVERY", poison);
        ChildServer server = new ChildServer(env, db).recording(record, 0);
        try {
            server.start();
            assertEquals(202, server.deliver("pull_request", poison, Payloads.pullRequestOpened(1)));
            assertTrue(server.awaitExit(60), "the delivery took the process down");
            for (int attempt = 2; attempt <= 3; attempt++) { // an operator's restart, or a supervisor's, each time
                try {
                    server.start();
                } catch (AssertionError diedBeforeListening) {
                    // it took the delivery up again as it started, before it listened: the same crash
                }
                assertTrue(server.awaitExit(60), "down again at attempt " + attempt + ": the delivery was claimed again");
            }
            server.start();
            String healthy = Ids.id("healthy");
            assertEquals(202, server.deliver("pull_request", healthy, Payloads.pullRequestOpened(2)));
            assertEquals("done", server.awaitFinished(healthy));
            assertEquals("dead", server.awaitFinished(poison));
            assertTrue(server.alive(), "the fourth start stays up");
            assertEquals(List.of(healthy), Files.readAllLines(record), "the poisoned delivery never completed; the healthy one did");
            try (Connection c = DriverManager.getConnection(server.databaseUrl());
                 ResultSet rs = c.createStatement().executeQuery("SELECT attempts, last_error FROM deliveries WHERE id = '" + poison + "'")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertEquals("its process stopped while running it 3 times (a crash or a kill each time); not run again", rs.getString(2));
            }
        } finally {
            server.close();
        }
    }
}
