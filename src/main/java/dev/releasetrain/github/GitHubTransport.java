package dev.releasetrain.github;

import dev.releasetrain.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every HTTP call to GitHub goes through here: only to {@code GITHUB_API_URL}, counted by route and status,
 * reads (and what is safe to send twice: DELETEs, PUTs, git objects, ref moves) retried on connection errors and 5xx, rate limits waited out briefly or
 * handed back to the queue, repository writes paced per installation and, in dry-run mode, logged instead of sent.
 *
 * <p>Other writes are not retried here after a 5xx or a broken connection: GitHub may have done them. The delivery
 * is retried instead, and features look before they write.
 */
public final class GitHubTransport {
    /** The most of one answer read, after unzipping: GitHub's largest pages (100 files with their patches) fit. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(GitHubTransport.class);
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final int MAX_TRIES = 4;
    private static final long MAX_INLINE_WAIT_MILLIS = 5_000;

    /** Who a call is for: an installation (throttled, dry-run aware) or the app itself (token exchange). */
    public record Caller(Long installationId, boolean asApp) {
        public static Caller app() {
            return new Caller(null, true);
        }

        public static Caller installation(long id) {
            return new Caller(id, false);
        }
    }

    /** Fetches a fresh Authorization header after a 401 (the cached token was revoked or expired early). */
    @FunctionalInterface
    public interface Reauthorize {
        String freshAuthorization() throws IOException;
    }

    private final URI apiBase;
    private final Metrics metrics;
    private final boolean dryRun;
    private final java.util.function.Consumer<String> dryRunWrites;
    private final WritePacing pacing;
    private final long retryBaseMillis;
    private final HttpClient http;

    /** @param dryRunWrites where a dry run's writes are told, one line each */
    public GitHubTransport(URI apiBase, Metrics metrics, boolean dryRun, WritePacing pacing, long retryBaseMillis,
                           java.util.function.Consumer<String> dryRunWrites) {
        this.apiBase = apiBase;
        this.metrics = metrics;
        this.dryRun = dryRun;
        this.dryRunWrites = dryRunWrites;
        this.pacing = pacing;
        this.retryBaseMillis = retryBaseMillis;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI apiBase() {
        return apiBase;
    }

    public String url(String path) {
        return apiBase + path;
    }

    /** GitHub's GraphQL endpoint beside the REST API: {@code /graphql} on github.com, {@code /api/graphql} on a server's {@code /api/v3}. */
    public String graphqlUrl() {
        String base = apiBase.toString();
        return (base.endsWith("/api/v3") ? base.substring(0, base.length() - "/v3".length()) : base) + "/graphql";
    }

    public GitHubHttp.Response send(GitHubHttp.Request request, Caller caller, Reauthorize reauthorize) throws IOException {
        if (!request.url().startsWith(apiBase + "/") && !request.url().equals(apiBase.toString()) && !request.url().equals(graphqlUrl())) {
            // a URL taken from a response (a pagination link, say) must not lead away from the configured API
            throw new IOException("refusing to call " + URI.create(request.url()).getHost() + ": only GITHUB_API_URL is called");
        }
        String route = RouteTemplate.of(request.url());
        if (request.isWrite() && !caller.asApp()) {
            if (dryRun) {
                dryRunWrites.accept(WriteDescription.of(request.method(), request.url(), request.body()));
                return new GitHubHttp.Response(200, Map.of("Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8));
            }
            pacing.acquire(caller.installationId());
        }
        GitHubHttp.Request current = request;
        boolean reauthorized = false;
        for (int attempt = 1; ; attempt++) {
            GitHubHttp.Response response;
            try {
                response = exchange(current);
            } catch (IOException e) {
                metrics.githubCall(request.method(), route, 0);
                if (request.idempotent() && attempt < MAX_TRIES) {
                    pause(attempt);
                    continue;
                }
                throw new GitHubUnavailableException(request.method() + " " + route + " failed: " + e.getClass().getSimpleName(), e);
            }
            int status = response.status();
            metrics.githubCall(request.method(), route, status);
            recordRateLimit(caller, response);
            if (status == 401 && reauthorize != null && !reauthorized) {
                reauthorized = true;
                current = withAuthorization(current, reauthorize.freshAuthorization());
                continue;
            }
            Instant limitedUntil = rateLimitedUntil(response);
            if (limitedUntil != null) {
                long wait = limitedUntil.toEpochMilli() - System.currentTimeMillis();
                if (wait <= MAX_INLINE_WAIT_MILLIS && attempt < MAX_TRIES) {
                    // a rate-limited request was not carried out, so even a write may be sent again
                    sleep(Math.max(wait, 0));
                    continue;
                }
                throw new RateLimitedException(request.method() + " " + route + " is rate limited", limitedUntil);
            }
            if (status >= 500) {
                if (request.idempotent() && attempt < MAX_TRIES) {
                    pause(attempt);
                    continue;
                }
                throw new GitHubUnavailableException(request.method() + " " + route + " answered " + status, null);
            }
            return response;
        }
    }

    private GitHubHttp.Response exchange(GitHubHttp.Request request) throws IOException {
        HttpRequest.BodyPublisher body = request.body() == null || request.body().length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), body);
        request.headers().forEach((name, values) -> {
            if (name != null && !RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            return decoded(r, RouteTemplate.of(request.url()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while calling GitHub");
        }
    }

    /**
     * Requests ask for gzip (GitHub's JSON shrinks several times); unzipping here lets every reader see plain JSON.
     * A body is read up to {@link #MAX_RESPONSE_BYTES}, unzipped as well as sent: a larger answer is an error, never
     * memory spent (what a pull request can make GitHub send back is a stranger's choice).
     */
    private static GitHubHttp.Response decoded(HttpResponse<java.io.InputStream> r, String route) throws IOException {
        boolean gzip = r.headers().firstValue("content-encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false);
        try (java.io.InputStream raw = r.body(); java.io.InputStream in = gzip ? new java.util.zip.GZIPInputStream(raw) : raw) {
            byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (body.length > MAX_RESPONSE_BYTES) {
                throw new GitHubApiException(502, route + " answered more than " + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB; not read further");
            }
            if (!gzip) {
                return new GitHubHttp.Response(r.statusCode(), r.headers().map(), body);
            }
            Map<String, List<String>> headers = new HashMap<>();
            r.headers().map().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("content-encoding") && !k.equalsIgnoreCase("content-length")) {
                    headers.put(k, v);
                }
            });
            return new GitHubHttp.Response(r.statusCode(), headers, body);
        }
    }

    /**
     * When GitHub says to wait: {@code Retry-After} (secondary limits, 429), or an exhausted primary limit until
     * {@code x-ratelimit-reset}; a secondary limit without either waits a minute, as GitHub's docs advise.
     */
    static Instant rateLimitedUntil(GitHubHttp.Response r) {
        if (r.status() != 403 && r.status() != 429) {
            return null;
        }
        String retryAfter = r.header("retry-after");
        if (retryAfter != null) {
            try {
                return Instant.now().plusSeconds(Long.parseLong(retryAfter.strip()));
            } catch (NumberFormatException ignored) {
                return Instant.now().plusSeconds(60);
            }
        }
        if ("0".equals(r.header("x-ratelimit-remaining"))) {
            String reset = r.header("x-ratelimit-reset");
            try {
                return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
            } catch (RuntimeException e) {
                return Instant.now().plusSeconds(60);
            }
        }
        String body = new String(r.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (r.status() == 429 || body.contains("secondary rate limit") || body.contains("abuse")) {
            return Instant.now().plusSeconds(60);
        }
        return null;
    }

    private void recordRateLimit(Caller caller, GitHubHttp.Response r) {
        String remaining = r.header("x-ratelimit-remaining");
        if (remaining != null && caller.installationId() != null) {
            try {
                metrics.rateLimitRemaining(Long.toString(caller.installationId()), Long.parseLong(remaining.strip()));
            } catch (NumberFormatException ignored) {
                // not a number: nothing to record
            }
        }
    }

    private static GitHubHttp.Request withAuthorization(GitHubHttp.Request r, String authorization) {
        Map<String, List<String>> headers = new HashMap<>();
        r.headers().forEach((k, v) -> {
            if (k != null && !k.equalsIgnoreCase("authorization")) {
                headers.put(k, v);
            }
        });
        headers.put("Authorization", List.of(authorization));
        return new GitHubHttp.Request(r.method(), r.url(), headers, r.body());
    }

    private void pause(int attempt) {
        long ceiling = retryBaseMillis << (attempt - 1);
        sleep(ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
