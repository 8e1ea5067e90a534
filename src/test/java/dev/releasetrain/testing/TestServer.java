package dev.releasetrain.testing;

import dev.releasetrain.App;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.delivery.StoredDelivery;
import dev.releasetrain.settings.ServerSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The real application in this JVM, on a free port, with a fresh database; deliveries are posted over HTTP. */
public final class TestServer implements AutoCloseable {
    public static final String SECRET = "test-webhook-secret";
    public static final long APP_ID = 4242;

    private final App app;
    private final Path dir;
    private final String databaseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(App app, Path dir, String databaseUrl) {
        this.app = app;
        this.dir = dir;
        this.databaseUrl = databaseUrl;
    }

    /** Server settings a test may override; the GitHub URL points at the fake. */
    public static Map<String, String> settings(String githubUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("APP_ID", Long.toString(APP_ID));
        env.put("PRIVATE_KEY", TestKeys.privatePem());
        env.put("WEBHOOK_SECRET", SECRET);
        env.put("GITHUB_API_URL", githubUrl);
        env.put("WORKERS", "4");
        env.put("RETRY_BASE_MS", "20");
        env.put("GITHUB_WRITES_PER_MINUTE", "100000");
        env.put("RECONCILE_MINUTES", "0"); // the tests about fetching back deliveries turn it on
        return env;
    }

    public static TestServer start(Map<String, String> env, Function<Features.Wiring, List<EventHandler>> features) throws Exception {
        return start(env, features, java.time.Clock.systemUTC());
    }

    /** With the clock the features read dates from. */
    public static TestServer start(Map<String, String> env, Function<Features.Wiring, List<EventHandler>> features, java.time.Clock clock)
            throws Exception {
        Path dir = Files.createTempDirectory("release-train-test");
        Map<String, String> all = new HashMap<>(env);
        // -Dtest.database=postgresql runs every server test on a fresh PostgreSQL database instead of an SQLite file
        all.putIfAbsent("DATABASE_URL", "postgresql".equals(System.getProperty("test.database"))
                ? Stores.freshPostgresUrl() : "jdbc:sqlite:" + dir.resolve("test.db"));
        ServerSettings settings = ServerSettings.load(all, dir.resolve(".env"));
        return new TestServer(App.start(settings, features, true, clock), dir, all.get("DATABASE_URL"));
    }

    /** The server's database, for opening a second connection to inspect what it stored. */
    public String databaseUrl() {
        return databaseUrl;
    }

    /** Where the setup flow writes credentials for this server. */
    public Path envFile() {
        return dir.resolve(".env");
    }

    public App app() {
        return app;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** Posts a payload as GitHub would: signed, with the event and a fresh delivery id. */
    public HttpResponse<String> deliver(String event, byte[] body) throws Exception {
        return deliver(event, UUID.randomUUID().toString(), body);
    }

    public HttpResponse<String> deliver(String event, String deliveryId, byte[] body) throws Exception {
        return post("/webhook", Map.of("Content-Type", "application/json", "X-GitHub-Event", event,
                "X-GitHub-Delivery", deliveryId, "X-Hub-Signature-256", SignatureVerifier.sign(SECRET, body)), body);
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until /metrics shows every line given and returns its text (or the last one read, for the failure message):
     * a worker counts a delivery after committing it as finished, so the count can trail what the store shows.
     */
    public String awaitMetrics(List<String> lines) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        String metrics = get("/metrics").body();
        while (!lines.stream().allMatch(metrics::contains) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            metrics = get("/metrics").body();
        }
        return metrics;
    }

    /** Waits until the delivery is done or dead and returns it. */
    public StoredDelivery awaitFinished(String deliveryId) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            var row = app.store().history().find(deliveryId);
            if (row.isPresent() && (row.get().state() == DeliveryState.DONE || row.get().state() == DeliveryState.DEAD)) {
                return row.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("delivery " + deliveryId + " did not finish: " + app.store().history().find(deliveryId));
    }

    /** Waits until nothing is queued or running. */
    public void awaitIdle() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (app.workers().depth() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(app.workers().depth() + " deliveries still queued");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
