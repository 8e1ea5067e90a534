package dev.releasetrain.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The migration status API over HTTP. Its address and token come from the server's settings only. */
public final class HttpMigrationStatusApi implements MigrationStatusApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_RETRY_AFTER = 30;

    private final URI url;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpMigrationStatusApi(URI url, Optional<String> token) {
        this.url = url;
        this.token = token;
    }

    /** Why a request reached no answer, in words that say nothing of where the API is. */
    static String plainly(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "it did not answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            return "the connection was refused";
        }
        if (e instanceof java.net.UnknownHostException || e.getCause() instanceof java.net.UnknownHostException) {
            return "its host name did not resolve";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed";
        }
        return "the connection failed (" + e.getClass().getSimpleName() + ")";
    }

    @Override
    public Answer ask(ObjectNode request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Unreachable(plainly(e)); // the check is public: its words name no host, port or address
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        }
        long retryAfter = r.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER;
            }
        }).orElse(DEFAULT_RETRY_AFTER);
        if (r.statusCode() == 202) {
            return new Pending(retryAfter, "accepted, not decided yet");
        }
        if (r.statusCode() != 200) {
            return new Unreachable("HTTP " + r.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return new Unreachable("the answer is not JSON");
        }
        String state = body.path("state").asText("");
        String summary = body.path("summary").asText("");
        switch (state) {
            case MigrationVerdict.PENDING -> {
                return new Pending(retryAfter, summary);
            }
            case MigrationVerdict.SUCCESS, MigrationVerdict.FAILURE -> {
                List<Finding> findings = new ArrayList<>();
                for (JsonNode f : body.path("findings")) {
                    String severity = f.path("severity").asText(Finding.NOTICE);
                    findings.add(new Finding(f.path("path").asText(), f.path("line").asInt(1),
                            List.of(Finding.FAILURE, Finding.WARNING, Finding.NOTICE).contains(severity) ? severity : Finding.NOTICE,
                            f.path("message").asText()));
                }
                String details = body.hasNonNull("details_url") ? body.path("details_url").asText() : null;
                return new Decided(new MigrationVerdict(state, summary, details, findings));
            }
            default -> {
                return new Unreachable(state.equals(MigrationVerdict.ERROR) ? "it answered error: " + summary : "it answered no known state");
            }
        }
    }
}
