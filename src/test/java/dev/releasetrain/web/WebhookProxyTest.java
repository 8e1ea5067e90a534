package dev.releasetrain.web;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.TestServer;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deliveries through a smee.io-shaped channel (Server-Sent Events), into the same door as GitHub's own requests. */
@NeedsSharedFixtures
class WebhookProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message as smee.io sends it: the delivery's headers in lower case, and the parsed body. */
    private static String message(String event, String id, String secret, JsonNode body) throws Exception {
        return signedMessage(event, id, SignatureVerifier.sign(secret, JSON.writeValueAsBytes(body)), body); // compact: what GitHub sends and signs
    }

    private static String signedMessage(String event, String id, String signature, JsonNode body) {
        ObjectNode m = JSON.createObjectNode();
        m.put("host", "smee.io").put("content-type", "application/json").put("x-github-event", event).put("x-github-delivery", id)
                .put("x-hub-signature-256", signature);
        m.set("body", body);
        m.putObject("query");
        m.put("timestamp", 1_700_000_000_000L);
        return m.toString();
    }

    @Test
    void eventsAreVerifiedStoredOnceAndTheStreamIsOpenedAgainAfterADrop() throws Exception {
        JsonNode opened = JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        JsonNode comment = JSON.readTree(Fixtures.webhook("issue_comment", "created.payload.json"));
        String a = message("pull_request", Ids.id("aaaa-1"), TestServer.SECRET, opened);
        String b = message("issue_comment", Ids.id("bbbb-2"), TestServer.SECRET, comment);
        String forged = message("issue_comment", Ids.id("cccc-3"), "not-the-secret", comment);
        // a comment in French with an emoji and a control character, as GitHub writes it (JSON.stringify's bytes): raw
        // UTF-8, the emoji as four bytes, a lower-case escape
        ObjectNode plain = (ObjectNode) comment.deepCopy();
        ((ObjectNode) plain.get("comment")).put("body", "PLACEHOLDER").put("id", 4242);
        String text = plain.toString().replace("\"PLACEHOLDER\"", "\"Déjà vu 🚀 \\u001f\"");
        String emoji = signedMessage("issue_comment", Ids.id("dddd-4"), SignatureVerifier.sign(TestServer.SECRET, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                JSON.readTree(text));
        // a header value with a newline in it would split the header: the message is skipped, the stream read on
        ObjectNode split = (ObjectNode) JSON.readTree(message("issue_comment", "eeee\nX-Evil: 1", TestServer.SECRET, comment));
        AtomicInteger connections = new AtomicInteger();
        Javalin channel = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.sse("/channel", client -> {
                int n = connections.incrementAndGet();
                client.sendEvent("ready", "{}");
                client.sendComment("keep-alive");
                if (n == 1) {
                    client.sendEvent("message", a);
                    client.close(); // the channel drops the stream
                } else {
                    client.sendEvent("ping", "{}");
                    client.sendEvent("message", a); // smee replays; the door's dedupe holds
                    client.sendEvent("message", forged); // before b: once b is stored, the forged one was answered
                    client.sendEvent("message", split.toString());
                    client.sendEvent("message", emoji);
                    client.sendEvent("message", b);
                    client.keepAlive();
                }
            });
        }).start(0);
        Map<String, String> env = new HashMap<>(TestServer.settings("http://127.0.0.1:1"));
        env.put("WEBHOOK_PROXY_URL", "http://127.0.0.1:" + channel.port() + "/channel");
        try (TestServer server = TestServer.start(env, services -> List.of())) {
            assertEquals(DeliveryState.DONE, server.awaitFinished(Ids.id("aaaa-1")).state());
            assertEquals(DeliveryState.DONE, server.awaitFinished(Ids.id("bbbb-2")).state());
            assertEquals(DeliveryState.DONE, server.awaitFinished(Ids.id("dddd-4")).state(), "signed as JSON.stringify prints it: verified");
            assertTrue(connections.get() >= 2, "connected again after the drop");
            assertTrue(server.app().store().history().find(Ids.id("cccc-3")).isEmpty(), "a forged delivery is refused at the door, as from GitHub");
            assertEquals(3, server.app().store().history().recent(java.util.Optional.empty(), 100).size(), "each delivery stored once");
        } finally {
            channel.stop();
        }
    }
}
