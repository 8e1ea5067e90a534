package dev.releasetrain.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalLogTest {
    @Test
    void aFloodIsCutToTheLimitAndWhatWasHeldBackIsCountedNextMinute() {
        AtomicLong now = new AtomicLong();
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog(now::get, lines::add);
        for (int i = 0; i < 500; i++) {
            log.refused(401, "bad_signature", "id-" + i, "The signature does not match the body; check the webhook secret.");
        }
        assertEquals(RefusalLog.PER_MINUTE, lines.size());
        assertEquals("refused delivery id-0: 401 bad_signature (The signature does not match the body; check the webhook secret.)", lines.get(0));
        now.addAndGet(61_000_000_000L);
        log.refused(400, "missing_header", null, "X-GitHub-Event and X-GitHub-Delivery headers are required.");
        String next = lines.get(lines.size() - 1);
        assertTrue(next.startsWith("refused delivery (no id): 400 missing_header"), next);
        assertTrue(next.endsWith("; 480 more refused since the last line, not logged"), next);
    }

    @Test
    void anIdCannotForgeALogLine() {
        List<String> lines = new ArrayList<>();
        new RefusalLog(() -> 0, lines::add).refused(400, "bad_header", "x\nINFO forged " + "y".repeat(100), "too long");
        assertEquals("refused delivery x?INFO forged " + "y".repeat(50) + "…: 400 bad_header (too long)", lines.get(0));
    }
}
