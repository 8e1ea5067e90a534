package dev.releasetrain.web;

import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The door, through real HTTP: what it accepts, what it refuses and why, and that it stays healthy. */
@NeedsSharedFixtures
class WebhookDoorTest {
    private static TestServer server;
    private static final byte[] PR_OPENED = Fixtures.webhook("pull_request", "opened.payload.json");

    @BeforeAll
    static void start() throws Exception {
        // nothing here calls GitHub: no features are given, so every delivery is stored and then ignored
        server = TestServer.start(TestServer.settings("http://127.0.0.1:9"), services -> List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void staysHealthy() throws Exception {
        assertEquals(200, server.get("/healthz").statusCode());
        assertEquals(200, server.get("/readyz").statusCode());
    }

    @Test
    void everyRealPayloadIsAcceptedAndStoredOnce() throws Exception {
        List<Path> all = Fixtures.allWebhooks();
        assertTrue(all.size() > 100, "the shared corpus is there: " + all.size());
        Map<String, String> ids = new HashMap<>();
        for (Path file : all) {
            String event = Fixtures.eventOf(file);
            String id = UUID.randomUUID().toString();
            HttpResponse<String> r = server.deliver(event, id, Files.readAllBytes(file));
            int expected = event.equals("ping") ? 200 : 202;
            assertEquals(expected, r.statusCode(), file + ": " + r.body());
            if (!event.equals("ping")) {
                ids.put(id, file.toString());
            }
        }
        for (String id : ids.keySet()) {
            assertEquals(DeliveryState.DONE, server.awaitFinished(id).state(), ids.get(id));
        }
        // the same deliveries again, as GitHub's redelivery sends them: stored once, not processed twice
        for (Map.Entry<String, String> e : ids.entrySet()) {
            Path file = Path.of(e.getValue());
            HttpResponse<String> again = server.deliver(Fixtures.eventOf(file), e.getKey(), Files.readAllBytes(file));
            assertEquals(200, again.statusCode(), again.body());
        }
        for (String id : ids.keySet()) {
            assertEquals(1, server.app().store().history().find(id).orElseThrow().attempts(), "processed once: " + ids.get(id));
        }
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        for (Path file : Fixtures.allWebhooks()) {
            byte[] body = Files.readAllBytes(file);
            String signature = SignatureVerifier.sign(TestServer.SECRET, body);
            byte[] tampered = new String(body, StandardCharsets.UTF_8).replaceFirst("\"id\":\\s*(\\d)", "\"id\":9$1").getBytes(StandardCharsets.UTF_8);
            String id = UUID.randomUUID().toString();
            HttpResponse<String> r = server.post("/webhook", headers(Fixtures.eventOf(file), id, signature), tampered);
            assertEquals(401, r.statusCode(), file.toString());
            assertTrue(server.app().store().history().find(id).isEmpty(), "nothing stored for a refused delivery");
        }
    }

    @Test
    void probotsPathAndATrailingSlashAreTheSameDoor() throws Exception {
        for (String path : List.of("/api/github/webhooks", "/webhook/", "/api/github/webhooks/")) {
            String id = UUID.randomUUID().toString();
            HttpResponse<String> r = server.post(path, headers("pull_request", id, SignatureVerifier.sign(TestServer.SECRET, PR_OPENED)), PR_OPENED);
            assertEquals(202, r.statusCode(), path);
            server.awaitFinished(id);
        }
        assertEquals(404, server.get("/webhook").statusCode(), "only POST is the door; the rest is Javalin's");
    }

    @Test
    void badRequestsGetTheirStatusAndAPlainReason() throws Exception {
        String good = SignatureVerifier.sign(TestServer.SECRET, PR_OPENED);
        Map<String, String> noEvent = headers("pull_request", Ids.id("x1"), good);
        noEvent.remove("X-GitHub-Event");
        assertRefused(400, "X-GitHub-Event", server.post("/webhook", noEvent, PR_OPENED));
        Map<String, String> noId = headers("pull_request", Ids.id("x2"), good);
        noId.remove("X-GitHub-Delivery");
        assertRefused(400, "X-GitHub-Delivery", server.post("/webhook", noId, PR_OPENED));
        Map<String, String> noSignature = headers("pull_request", Ids.id("x3"), good);
        noSignature.remove("X-Hub-Signature-256");
        assertRefused(400, "X-Hub-Signature-256", server.post("/webhook", noSignature, PR_OPENED));
        assertRefused(401, "signature", server.post("/webhook", headers("pull_request", Ids.id("x4"), "sha256=" + "0".repeat(64)), PR_OPENED));
        assertRefused(401, "signature", server.post("/webhook", headers("pull_request", Ids.id("x5"), "sha1=abc"), PR_OPENED));
        // not GitHub's shapes: a delivery id that is no UUID, an event name with other characters
        assertRefused(400, "GitHub's shape", server.post("/webhook", headers("pull_request", "x9", good), PR_OPENED));
        assertRefused(400, "GitHub's shape", server.post("/webhook", headers("pull request", Ids.id("x10"), good), PR_OPENED));
        Map<String, String> form = headers("pull_request", Ids.id("x6"), good);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        assertRefused(415, "application/json", server.post("/webhook", form, PR_OPENED));
        byte[] broken = "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "JSON", server.post("/webhook", headers("pull_request", Ids.id("x7"), SignatureVerifier.sign(TestServer.SECRET, broken)), broken));
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "JSON", server.post("/webhook", headers("pull_request", Ids.id("x8"), SignatureVerifier.sign(TestServer.SECRET, array)), array));
        for (String id : List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8").stream().map(Ids::id).toList()) {
            assertTrue(server.app().store().history().find(id).isEmpty(), id + " was refused and must not be stored");
        }
        assertTrue(server.get("/metrics").body().contains("releasetrain_webhook_rejections_total{reason=\"bad_signature\"}"));
    }

    @Test
    void pingIsAnsweredAndUnknownEventsAreAcceptedAndIgnored() throws Exception {
        HttpResponse<String> ping = server.deliver("ping", Fixtures.webhook("ping", "payload.json"));
        assertEquals(200, ping.statusCode());
        byte[] body = "{\"action\":\"created\",\"thing\":{}}".getBytes(StandardCharsets.UTF_8);
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("some_future_event", id, body).statusCode());
        assertEquals(DeliveryState.DONE, server.awaitFinished(id).state());
    }

    @Test
    void aBodyOverTwentyFiveMegabytesIsRefusedUnread() throws Exception {
        // declared too large: refused from the Content-Length before the body is read
        String head = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: push\r\n"
                + "X-GitHub-Delivery: " + Ids.id("big1") + "\r\nX-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\nContent-Length: " + (26 * 1024 * 1024) + "\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", server.app().port())) {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status);
        }
        // chunked, so no length up front: refused once the limit is passed
        String chunkedHead = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: push\r\n"
                + "X-GitHub-Delivery: " + Ids.id("big2") + "\r\nX-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", server.app().port())) {
            OutputStream out = s.getOutputStream();
            out.write(chunkedHead.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 27; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the last chunk: that is the point
            }
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 413", new String(in.readNBytes(12), StandardCharsets.US_ASCII));
        }
        assertTrue(server.app().store().history().find(Ids.id("big1")).isEmpty() && server.app().store().history().find(Ids.id("big2")).isEmpty());
    }

    /** A delivery's headers, announcing {@code length} bytes: valid in every way the headers alone can be. */
    private static byte[] announcement(String label, long length) {
        return ("POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
                + "X-GitHub-Delivery: " + Ids.id(label) + "\r\nX-Hub-Signature-256: sha256=" + "0".repeat(64)
                + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static long doorBodyBytes(TestServer at) throws Exception {
        String metrics = at.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("releasetrain_door_body_bytes ")).map(l -> (long) Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(metrics));
    }

    @Test
    void twentyStalledAnnouncementsOfTwentyFiveMegabytesHoldNoMemoryAndAreDropped() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("127.0.0.1", server.app().port());
                s.getOutputStream().write(announcement("stalled-" + i, 25L * 1024 * 1024 - 1));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (doorBodyBytes(server) < 20L * 64 * 1024 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(20L * 64 * 1024, doorBodyBytes(server), "each announcement holds its first 64 KB, not the 25 MB it announced");
            String id = UUID.randomUUID().toString();
            assertEquals(202, server.deliver("pull_request", id, PR_OPENED).statusCode(), "deliveries still come in");
            assertEquals(200, server.get("/healthz").statusCode());
            server.awaitFinished(id);
            long started = System.nanoTime();
            for (Socket s : stalled) { // a sender that sends nothing is dropped after the idle timeout
                s.setSoTimeout((int) WebServer.IDLE_TIMEOUT_MILLIS + 15_000);
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // a 408 may come before the close: read to the end
                }
            }
            long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited < WebServer.IDLE_TIMEOUT_MILLIS + 15_000, "dropped after " + waited + " ms");
            assertEquals(0, doorBodyBytes(server), "their buffers are given back");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void bodiesPastTheBudgetInFlightAreAnswered503WithRetryAfter() throws Exception {
        Map<String, String> env = TestServer.settings("http://127.0.0.1:9");
        env.put("DELIVERY_BUFFER_MB", "26"); // the least: one body of GitHub's largest size
        try (TestServer small = TestServer.start(env, services -> List.of())) {
            bodiesPastTheBudget(small);
        }
    }

    private static void bodiesPastTheBudget(TestServer server) throws Exception {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) ' ');
        List<String> answers = new ArrayList<>();
        List<Socket> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) { // each grows its buffer to 16 MB: the second does not fit beside the first
                Socket s = new Socket("127.0.0.1", server.app().port());
                senders.add(s);
                try {
                    s.getOutputStream().write(announcement("big-" + i, 25L * 1024 * 1024 - 1));
                    s.getOutputStream().write(tenMegabytes);
                    s.getOutputStream().flush();
                } catch (java.io.IOException refusedMidway) {
                    // answered and closed before all ten megabytes were taken: what a refusal looks like
                }
            }
            for (Socket s : senders) {
                s.setSoTimeout(200);
                try {
                    answers.add(new String(s.getInputStream().readNBytes(200), StandardCharsets.US_ASCII));
                } catch (java.net.SocketTimeoutException stillReading) {
                    answers.add("(still reading)");
                }
            }
        } finally {
            for (Socket s : senders) {
                s.close();
            }
        }
        assertTrue(answers.stream().anyMatch(a -> a.startsWith("HTTP/1.1 503") && a.contains("Retry-After: 1")), answers.toString());
        assertEquals("(still reading)", answers.get(0), "the first, within the budget, was still being read");
        long deadline = System.currentTimeMillis() + 10_000;
        while (doorBodyBytes(server) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, doorBodyBytes(server), "what the hung-up senders held is given back");
        assertEquals(202, server.deliver("pull_request", UUID.randomUUID().toString(), PR_OPENED).statusCode());
    }

    @Test
    void aCapturedSaySoPostedAgainUnderAnotherIdIsNotRunAgain() throws Exception {
        // a comment of its own (the corpus test sends the fixture as it is, to the same server)
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Fixtures.webhook("issue_comment", "created.with-installation.payload.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("comment")).put("id", System.nanoTime());
        byte[] comment = payload.toString().getBytes(StandardCharsets.UTF_8);
        String first = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("issue_comment", first, comment).statusCode());
        server.awaitFinished(first);
        String replay = UUID.randomUUID().toString();
        HttpResponse<String> again = server.deliver("issue_comment", replay, comment);
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("received before under another delivery id"), again.body());
        assertTrue(server.app().store().history().find(replay).isEmpty(), "the replay is not stored, so nothing runs it");
        assertEquals(200, server.deliver("issue_comment", first, comment).statusCode(), "GitHub's redelivery keeps its id: processed, not again");
        // an event that only prompts the bot to read GitHub is not a say-so: the same body is taken again
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("pull_request", a, PR_OPENED).statusCode());
        assertEquals(202, server.deliver("pull_request", b, PR_OPENED).statusCode());
        server.awaitFinished(b);
    }

    @Test
    void aSenderThatHangsUpMidBodyLeavesNothingStoredAndTheDoorOpen() throws Exception {
        String head = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
                + "X-GitHub-Delivery: " + Ids.id("cut-short") + "\r\nX-Hub-Signature-256: " + SignatureVerifier.sign(TestServer.SECRET, PR_OPENED)
                + "\r\nContent-Length: " + PR_OPENED.length + "\r\n\r\n";
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("127.0.0.1", server.app().port())) {
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(PR_OPENED, 0, PR_OPENED.length / 2);
                out.flush();
            }
        }
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("pull_request", id, PR_OPENED).statusCode());
        assertEquals(200, server.get("/healthz").statusCode());
        assertTrue(server.app().store().history().find(Ids.id("cut-short")).isEmpty(), "half a body is never stored");
        server.awaitFinished(id);
    }

    @Test
    void aPayloadJustUnderTheLimitIsAccepted() throws Exception {
        StringBuilder big = new StringBuilder("{\"action\":\"edited\",\"padding\":\"");
        big.append("x".repeat(24 * 1024 * 1024));
        big.append("\"}");
        byte[] body = big.toString().getBytes(StandardCharsets.UTF_8);
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("issues", id, body).statusCode());
        server.awaitFinished(id);
    }

    private static void assertRefused(int status, String reasonMentions, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(reasonMentions), "the answer says why: " + r.body());
    }

    private static Map<String, String> headers(String event, String id, String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", id);
        h.put("X-Hub-Signature-256", signature);
        return h;
    }
}
