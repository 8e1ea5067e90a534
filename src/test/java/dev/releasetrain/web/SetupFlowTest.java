package dev.releasetrain.web;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.settings.DotEnv;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration without credentials: the manifest page, GitHub's callback, the code exchange, the .env file. */
@NeedsSharedFixtures
class SetupFlowTest {
    @Test
    void registersTheAppThroughTheManifestFlowAndWritesTheEnvFile() throws Exception {
        try (FakeGitHub github = new FakeGitHub(1, TestKeys.PAIR.getPublic())) {
            github.wireMock().stubFor(post(urlPathEqualTo("/app-manifests/abc123/conversions")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody(new ObjectMapper().createObjectNode()
                            .put("id", 987).put("slug", "release-train-test").put("pem", TestKeys.privatePem())
                            .put("webhook_secret", "fresh-secret").put("html_url", "https://github.com/apps/release-train-test").toString())));
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("GITHUB_API_URL", github.url());
            try (TestServer server = TestServer.start(env, services -> List.of())) {
                HttpResponse<String> page = server.get("/");
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("https://github.com/settings/apps/new?state="), page.body());
                String manifest = unescape(field(page.body(), "name=\"manifest\" value=\"([^\"]+)\""));
                JsonNode m = new ObjectMapper().readTree(manifest);
                assertEquals("write", m.path("default_permissions").path("checks").asText());
                assertTrue(m.path("hook_attributes").path("url").asText().endsWith("/webhook"));
                assertTrue(m.path("redirect_url").asText().endsWith("/setup/callback"));
                assertTrue(m.path("setup_url").asText().endsWith("/"), "GitHub brings the installer back here");
                assertTrue(page.body().contains("GitHub cannot reach"), "a localhost address is called out");
                assertTrue(page.body().contains("WEBHOOK_PROXY_URL"), "and the way out named");
                assertTrue(page.body().contains("cut release branches"), "the page says why each permission");

                assertEquals(503, server.deliver("pull_request", "{}".getBytes()).statusCode(), "no deliveries before registration");
                assertEquals(400, server.get("/setup/callback?code=abc123&state=forged").statusCode(), "a callback we did not start");

                String state = field(page.body(), "state=([0-9a-f]+)");
                String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
                assertTrue(cookie.startsWith("release_train_setup=" + state + ";") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
                        cookie);
                Map<String, String> browser = Map.of("Cookie", "release_train_setup=" + state);
                assertEquals(400, server.get("/setup/callback?code=abc123&state=" + state).statusCode(),
                        "a stranger completing the flow with a state from the page, without the page's browser: refused");
                HttpResponse<String> done = server.get("/setup/callback?code=abc123&state=" + state, browser);
                assertEquals(200, done.statusCode(), done.body());
                assertTrue(done.body().contains("release-train-test"));
                assertEquals(400, server.get("/setup/callback?code=abc123&state=" + state, browser).statusCode(), "a state works once");

                Path envFile = server.envFile();
                Map<String, String> written = DotEnv.read(envFile);
                assertEquals("987", written.get("APP_ID"));
                assertEquals("fresh-secret", written.get("WEBHOOK_SECRET"));
                ServerSettings next = ServerSettings.load(Map.of(), envFile);
                assertTrue(next.registered() && next.privateKey().isPresent(), "the next start is registered");
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));

                // no restart: the running server takes deliveries signed with the new secret, and refuses the old
                byte[] ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
                assertEquals(200, signed(server, "ping", "fresh-secret", ping).statusCode());
                byte[] issue = dev.releasetrain.testing.Fixtures.webhook("issues", "opened.payload.json");
                HttpResponse<String> accepted = signed(server, "issues", "fresh-secret", issue);
                assertEquals(202, accepted.statusCode(), accepted.body());
                assertEquals(401, signed(server, "issues", "some-other-secret", issue).statusCode());
                HttpResponse<String> home = server.get("/");
                assertTrue(home.body().contains("Registered as GitHub App 987"), home.body());
            }
        }
    }

    private static HttpResponse<String> signed(TestServer server, String event, String secret, byte[] body) throws Exception {
        return server.post("/webhook", Map.of("Content-Type", "application/json", "X-GitHub-Event", event, "X-GitHub-Delivery",
                java.util.UUID.randomUUID().toString(), "X-Hub-Signature-256", SignatureVerifier.sign(secret, body)), body);
    }

    /** The setup page of an unregistered server with one setting, and the manifest its form would send. */
    private record Page(String html, JsonNode manifest) {
    }

    private static Page setupPage(String setting, String value) throws Exception {
        try (TestServer server = TestServer.start(new HashMap<>(Map.of("PORT", "0", setting, value)), services -> List.of())) {
            String html = server.get("/").body();
            return new Page(html, new ObjectMapper().readTree(unescape(field(html, "name=\"manifest\" value=\"([^\"]+)\""))));
        }
    }

    @Test
    void twoCallbacksAtOnceRegisterOnce() throws Exception {
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            github.wireMock().stubFor(post(urlPathEqualTo("/app-manifests/abc123/conversions")).willReturn(aResponse().withStatus(201)
                    .withFixedDelay(300).withHeader("Content-Type", "application/json").withBody(new ObjectMapper().createObjectNode()
                            .put("id", 987).put("slug", "release-train-test").put("pem", TestKeys.privatePem())
                            .put("webhook_secret", "fresh-secret").put("html_url", "https://github.com/apps/release-train-test").toString())));
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("GITHUB_API_URL", github.url());
            try (TestServer server = TestServer.start(env, services -> List.of())) {
                List<String> states = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) { // two browsers opened the page
                    states.add(field(server.get("/").body(), "state=([0-9a-f]+)"));
                }
                var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
                List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
                for (String state : states) {
                    answers.add(pool.submit(() -> server.get("/setup/callback?code=abc123&state=" + state,
                            Map.of("Cookie", "release_train_setup=" + state))));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var a : answers) {
                    statuses.add(a.get().statusCode());
                }
                pool.shutdown();
                assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), "the first to complete wins; the other is told");
                assertEquals(1, github.wireMock().findAll(postRequestedFor(urlPathEqualTo("/app-manifests/abc123/conversions"))).size(),
                        "one code exchanged");
            }
        }
    }

    @Test
    void behindAWebhookProxyTheManifestSendsDeliveriesToTheChannel() throws Exception {
        Page page = setupPage("WEBHOOK_PROXY_URL", "https://smee.io/aBcDeF123");
        assertEquals("https://smee.io/aBcDeF123", page.manifest().path("hook_attributes").path("url").asText());
        assertTrue(page.manifest().path("redirect_url").asText().startsWith("http://127.0.0.1:"), "the browser comes back to this server");
        assertTrue(page.html().contains("webhook proxy"), page.html());
        assertTrue(!page.html().contains("disabled"), "registering is possible");
    }

    @Test
    void aPublicAddressIsUsedAsItIs() throws Exception {
        Page page = setupPage("PUBLIC_URL", "https://release-train.example.com");
        assertEquals("https://release-train.example.com/webhook", page.manifest().path("hook_attributes").path("url").asText());
        assertTrue(!page.html().contains("GitHub cannot reach"), page.html());
    }

    private static String field(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
