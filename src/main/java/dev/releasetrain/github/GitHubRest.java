package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REST calls for one installation through the transport, with its token; the resource clients of
 * {@link RepositoryClients} say which paths.
 */
public final class GitHubRest {
    public static final String API_VERSION = "2022-11-28";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response with its body parsed (missing when there is none). */
    public record Reply(int status, JsonNode body, String etag) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final long installationId;
    private final GitHubTransport transport;
    private final InstallationTokens tokens;

    public GitHubRest(long installationId, GitHubTransport transport, InstallationTokens tokens) {
        this.installationId = installationId;
        this.transport = transport;
        this.tokens = tokens;
    }

    /** Any status comes back as a reply; only transport trouble throws. */
    public Reply call(String method, String path, Object body, Map<String, String> extraHeaders) throws IOException {
        return send(method, transport.url(path), body, extraHeaders);
    }

    /**
     * A GraphQL query or mutation, for what REST does not offer (auto-merge): its {@code data}, or a
     * {@link GitHubApiException} with GitHub's first error message.
     */
    public JsonNode graphql(String query, Map<String, Object> variables) throws IOException {
        Reply r = send("POST", transport.graphqlUrl(), Map.of("query", query, "variables", variables), Map.of());
        JsonNode errors = r.body().path("errors");
        if (!r.ok() || errors.size() > 0) {
            throw new GitHubApiException(r.ok() ? 422 : r.status(), errors.path(0).path("message").asText(r.body().path("message").asText("GraphQL answered " + r.status())));
        }
        return r.body().path("data");
    }

    private Reply send(String method, String url, Object body, Map<String, String> extraHeaders) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Authorization", List.of("token " + tokens.token(installationId)));
        headers.put("Accept", List.of("application/vnd.github+json"));
        headers.put("X-GitHub-Api-Version", List.of(API_VERSION));
        headers.put("Accept-Encoding", List.of("gzip"));
        byte[] bytes = new byte[0];
        if (body != null) {
            bytes = JSON.writeValueAsBytes(body);
            headers.put("Content-Type", List.of("application/json"));
        }
        extraHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
        GitHubHttp.Response r = transport.send(new GitHubHttp.Request(method, url, headers, bytes),
                GitHubTransport.Caller.installation(installationId), () -> "token " + tokens.refresh(installationId));
        JsonNode parsed = r.body() == null || r.body().length == 0 ? MissingNode.getInstance() : JSON.readTree(r.body());
        return new Reply(r.status(), parsed, r.header("etag"));
    }

    /** A call that must succeed: an error status becomes a {@link GitHubApiException} with GitHub's message. */
    public JsonNode expect(String method, String path, Object body) throws IOException {
        Reply r = call(method, path, body, Map.of());
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), method + " " + RouteTemplate.of(transport.url(path)) + " answered "
                    + r.status() + ": " + r.body().path("message").asText(""));
        }
        return r.body();
    }

    public JsonNode get(String path) throws IOException {
        return expect("GET", path, null);
    }

    /**
     * A read where GitHub's 404 means "there is none" (no such ref, tag, release, collaborator): empty then; any
     * other refusal is an error naming {@code what}.
     */
    public Optional<JsonNode> getIfPresent(String path, String what) throws IOException {
        Reply r = call("GET", path, null, Map.of());
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), what + " answered " + r.status());
        }
        return Optional.of(r.body());
    }
}
