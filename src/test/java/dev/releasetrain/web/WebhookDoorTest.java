package dev.releasetrain.web;

import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.testing.Fixtures;
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
        Map<String, String> noEvent = headers("pull_request", "x1", good);
        noEvent.remove("X-GitHub-Event");
        assertRefused(400, "X-GitHub-Event", server.post("/webhook", noEvent, PR_OPENED));
        Map<String, String> noId = headers("pull_request", "x2", good);
        noId.remove("X-GitHub-Delivery");
        assertRefused(400, "X-GitHub-Delivery", server.post("/webhook", noId, PR_OPENED));
        Map<String, String> noSignature = headers("pull_request", "x3", good);
        noSignature.remove("X-Hub-Signature-256");
        assertRefused(400, "X-Hub-Signature-256", server.post("/webhook", noSignature, PR_OPENED));
        assertRefused(401, "signature", server.post("/webhook", headers("pull_request", "x4", "sha256=" + "0".repeat(64)), PR_OPENED));
        assertRefused(401, "signature", server.post("/webhook", headers("pull_request", "x5", "sha1=abc"), PR_OPENED));
        Map<String, String> form = headers("pull_request", "x6", good);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        assertRefused(415, "application/json", server.post("/webhook", form, PR_OPENED));
        byte[] broken = "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "JSON", server.post("/webhook", headers("pull_request", "x7", SignatureVerifier.sign(TestServer.SECRET, broken)), broken));
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        assertRefused(400, "JSON", server.post("/webhook", headers("pull_request", "x8", SignatureVerifier.sign(TestServer.SECRET, array)), array));
        for (String id : List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8")) {
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
                + "X-GitHub-Delivery: big1\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: " + (26 * 1024 * 1024) + "\r\n\r\n";
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
                + "X-GitHub-Delivery: big2\r\nX-Hub-Signature-256: sha256=00\r\nTransfer-Encoding: chunked\r\n\r\n";
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
        assertTrue(server.app().store().history().find("big1").isEmpty() && server.app().store().history().find("big2").isEmpty());
    }

    @Test
    void aSenderThatHangsUpMidBodyLeavesNothingStoredAndTheDoorOpen() throws Exception {
        String head = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
                + "X-GitHub-Delivery: cut-short\r\nX-Hub-Signature-256: " + SignatureVerifier.sign(TestServer.SECRET, PR_OPENED)
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
        assertTrue(server.app().store().history().find("cut-short").isEmpty(), "half a body is never stored");
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
