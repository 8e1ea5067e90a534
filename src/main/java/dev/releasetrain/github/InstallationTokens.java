package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, one per installation, cached and renewed at least five minutes before they expire
 * (they live an hour). Tokens are opaque strings of any length; they are never logged.
 */
public final class InstallationTokens {
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, Instant expiresAt) {
    }

    private final AppJwt jwt;
    private final GitHubTransport transport;
    private final Clock clock;
    private final Map<Long, Token> tokens = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public InstallationTokens(AppJwt jwt, GitHubTransport transport, Clock clock) {
        this.jwt = jwt;
        this.transport = transport;
        this.clock = clock;
    }

    public String token(long installationId) throws IOException {
        Token cached = tokens.get(installationId);
        if (fresh(cached)) {
            return cached.value();
        }
        synchronized (locks.computeIfAbsent(installationId, id -> new Object())) {
            cached = tokens.get(installationId);
            if (!fresh(cached)) {
                cached = fetch(installationId);
                tokens.put(installationId, cached);
            }
            return cached.value();
        }
    }

    /** Drops the cached token (GitHub answered 401) and fetches a new one. */
    public String refresh(long installationId) throws IOException {
        tokens.remove(installationId);
        return token(installationId);
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().isBefore(t.expiresAt().minus(RENEW_BEFORE));
    }

    private Token fetch(long installationId) throws IOException {
        GitHubHttp.Request request = new GitHubHttp.Request("POST",
                transport.url("/app/installations/" + installationId + "/access_tokens"),
                Map.of("Authorization", List.of("Bearer " + jwt.token()),
                        "Accept", List.of("application/vnd.github+json"),
                        "X-GitHub-Api-Version", List.of(GitHubRest.API_VERSION)),
                new byte[0]);
        GitHubHttp.Response response = transport.send(request, GitHubTransport.Caller.app(), null);
        if (response.status() != 201 && response.status() != 200) {
            throw new GitHubApiException(response.status(), "GitHub refused an access token for installation "
                    + installationId + " (HTTP " + response.status() + ")");
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asText(null);
        if (token == null || token.isEmpty()) {
            throw new IOException("GitHub's access token answer for installation " + installationId + " holds no token");
        }
        Instant expires;
        try {
            expires = Instant.parse(body.path("expires_at").asText());
        } catch (RuntimeException e) {
            expires = clock.instant().plus(Duration.ofMinutes(30));
        }
        return new Token(token, expires);
    }
}
