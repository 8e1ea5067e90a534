package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.releasetrain.delivery.SignatureVerifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's side of webhooks, as the app's delivery log shows it: GitHub sends each delivery once, signed, to the
 * app's webhook URL and records the attempt (status 0 when nothing answered); it lists the attempts newest first,
 * paged with a cursor in the Link header ({@code GET /app/hook/deliveries}, app JWT only); and asked to
 * ({@code POST /app/hook/deliveries/{id}/attempts}) it sends the same delivery again, same GUID, later.
 */
public final class WebhookLog implements ResponseDefinitionTransformerV2 {
    static final String NAME = "github-webhook-log";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ATTEMPTS = Pattern.compile("/app/hook/deliveries/(\\d+)/attempts");
    private final Function<String, String> authProblem;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService redeliveries = Executors.newSingleThreadExecutor();
    private final AtomicLong ids = new AtomicLong(9_000_000_000L);
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<Long> redeliveryRequests = new ArrayList<>();
    private volatile Supplier<String> target = () -> "http://127.0.0.1:1/webhook";

    /** One attempt: what was sent and what the app answered. */
    public record Attempt(long id, String guid, String event, String action, byte[] body, Instant at, boolean redelivery, int status) {
    }

    WebhookLog(Function<String, String> authProblem) {
        this.authProblem = authProblem;
    }

    /** Where deliveries go: the app's webhook URL (a supplier, so a test can point it at a replica that changes). */
    public void target(Supplier<String> webhookUrl) {
        this.target = webhookUrl;
    }

    /** GitHub sending a delivery once; returns the app's answer (0: nothing answered). */
    public int send(String event, String guid, byte[] body) {
        return attempt(event, guid, body, false);
    }

    private int attempt(String event, String guid, byte[] body, boolean redelivery) {
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(target.get())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", guid)
                    .header("X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        String action;
        try {
            action = JSON.readTree(body).path("action").asText(null);
        } catch (java.io.IOException e) {
            action = null;
        }
        synchronized (attempts) {
            attempts.add(new Attempt(ids.incrementAndGet(), guid, event, action, body, Instant.now(), redelivery, status));
        }
        return status;
    }

    /** Records an attempt without sending it: what GitHub's log says about a delivery whose answer was lost. */
    public void record(String event, String guid, byte[] body, int status) {
        synchronized (attempts) {
            attempts.add(new Attempt(ids.incrementAndGet(), guid, event, null, body, Instant.now(), false, status));
        }
    }

    public List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** The GUIDs the app asked GitHub to deliver again, in order. */
    public List<String> redeliveriesAskedFor() {
        synchronized (attempts) {
            return redeliveryRequests.stream().map(id -> attempts.stream().filter(a -> a.id() == id).findFirst().orElseThrow().guid()).toList();
        }
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String problem = authProblem.apply(event.getRequest().getHeader("Authorization"));
        if (problem != null) {
            return json(401, "{\"message\":\"" + problem + "\"}", null);
        }
        String path = URI.create(event.getRequest().getUrl()).getPath();
        Matcher m = ATTEMPTS.matcher(path);
        if (event.getRequest().getMethod().getName().equals("POST") && m.matches()) {
            long id = Long.parseLong(m.group(1));
            Attempt original;
            synchronized (attempts) {
                original = attempts.stream().filter(a -> a.id() == id).findFirst().orElse(null);
                if (original != null) {
                    redeliveryRequests.add(id);
                }
            }
            if (original == null) {
                return json(404, "{\"message\":\"Not Found\"}", null);
            }
            redeliveries.execute(() -> attempt(original.event(), original.guid(), original.body(), true));
            return json(202, "{}", null);
        }
        int perPage = Math.min(100, Integer.parseInt(query(event, "per_page", "30")));
        int from = Integer.parseInt(query(event, "cursor", "0"));
        List<Attempt> newestFirst = new ArrayList<>(attempts());
        java.util.Collections.reverse(newestFirst);
        ArrayNode page = JSON.createArrayNode();
        for (Attempt a : newestFirst.subList(Math.min(from, newestFirst.size()), Math.min(from + perPage, newestFirst.size()))) {
            ObjectNode o = page.addObject();
            o.put("id", a.id());
            o.put("guid", a.guid());
            o.put("delivered_at", a.at().toString());
            o.put("redelivery", a.redelivery());
            o.put("duration", 0.05);
            o.put("status", a.status() == 0 ? "failed to connect to host" : a.status() / 100 == 2 ? "OK" : "Invalid HTTP Response: " + a.status());
            o.put("status_code", a.status());
            o.put("event", a.event());
            o.put("action", a.action());
            o.put("installation_id", 1);
            o.put("repository_id", 1296269);
        }
        String next = from + perPage < newestFirst.size()
                ? "<" + event.getRequest().getAbsoluteUrl().replaceAll("\\?.*", "") + "?per_page=" + perPage + "&cursor=" + (from + perPage) + ">; rel=\"next\""
                : null;
        return json(200, page.toString(), next);
    }

    private static String query(ServeEvent event, String name, String fallback) {
        var p = event.getRequest().queryParameter(name);
        return p.isPresent() ? p.firstValue() : fallback;
    }

    private static ResponseDefinition json(int status, String body, String link) {
        ResponseDefinition answer;
        try {
            answer = FakeRepository.json(status, JSON.readTree(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return link == null ? answer : ResponseDefinitionBuilder.like(answer).withHeader("Link", link).build();
    }

    void close() {
        redeliveries.shutdown();
        try {
            redeliveries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
