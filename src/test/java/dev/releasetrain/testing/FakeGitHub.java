package dev.releasetrain.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock standing in for api.github.com. Its token endpoint behaves like GitHub's: it checks the app JWT's
 * signature against the app's public key and its claims, and only then issues a token (a long one, as GitHub's
 * newer tokens are). On close it fails the test if the bot asked for any route real GitHub does not have.
 */
public final class FakeGitHub implements AutoCloseable {
    public static final String TOKEN_PREFIX = "ghs_";
    private final WireMockServer server;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final FaultInjector faults = new FaultInjector();
    private final FakeRepository repository = new FakeRepository();
    private final WebhookLog webhooks;

    public FakeGitHub(long appId, PublicKey appKey) {
        TokenEndpoint tokens = new TokenEndpoint(appId, appKey, tokensIssued);
        webhooks = new WebhookLog(tokens::check);
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(tokens, faults, repository, webhooks));
        server.start();
        server.stubFor(post(urlPathMatching("/app/installations/\\d+/access_tokens"))
                .withName("access tokens").willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
    }

    /** The next requests matching method and path (a regex) get these answers, in order, before normal service resumes. */
    public void failNext(String method, String pathRegex, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        faults.add(method, pathRegex, answers);
    }

    /** A share of every later repository call fails (500, 502, reset, secondary rate limit), in a seeded order. */
    /** Every call whose path matches answers 502, for good: a repository GitHub never serves. */
    public void failAlways(String pathRegex) {
        faults.always(pathRegex);
    }

    public void failRandomly(double rate, long seed) {
        faults.randomly(rate, seed);
    }

    public int faultsInjected() {
        return faults.injected();
    }

    /**
     * The repositories' state, answering as GitHub does (see {@link FakeRepository}); routes it does not know fall
     * through to the other stubs, and a request no stub answers is a 404.
     */
    public FakeRepository repository() {
        if (server.getStubMappings().stream().noneMatch(s -> "repository state".equals(s.getName()))) {
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathMatching("/repos/.*|/graphql")).atPriority(10)
                    .withName("repository state").willReturn(aResponse().withStatus(404)
                            .withBody("{\"message\":\"Not Found\"}").withTransformers(FakeRepository.NAME)));
        }
        return repository;
    }

    /** GitHub's sending of webhooks and the app's delivery log ({@code /app/hook/deliveries}). */
    public WebhookLog webhooks() {
        if (server.getStubMappings().stream().noneMatch(s -> "webhook log".equals(s.getName()))) {
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathMatching("/app/hook/deliveries.*"))
                    .withName("webhook log").willReturn(aResponse().withTransformers(WebhookLog.NAME)));
        }
        return webhooks;
    }

    /** Serves a response recorded from GitHub (../shared/fixtures/github-api) at another path. */
    public void serveRecorded(String fixture, int index, String method, String path) {
        try {
            com.fasterxml.jackson.databind.JsonNode recorded = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Fixtures.SHARED.resolve("fixtures/github-api").resolve(fixture).toFile());
            com.fasterxml.jackson.databind.JsonNode pair = recorded.isArray() ? recorded.get(index) : recorded;
            var response = aResponse().withStatus(pair.path("status").asInt()).withBody(pair.path("response").toString());
            // GitHub's own headers as recorded (rate limit, ETag, content type), less those about the wire
            pair.path("headers").properties().forEach(h -> {
                if (!java.util.Set.of("content-length", "content-encoding", "connection", "transfer-encoding").contains(h.getKey())) {
                    response.withHeader(h.getKey(), h.getValue().asText());
                }
            });
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.request(method,
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path)).willReturn(response));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public WireMockServer wireMock() {
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    /** Requests other than token exchanges, "METHOD /path" in the order received. */
    public List<String> apiCalls() {
        List<LoggedRequest> oldestFirst = new java.util.ArrayList<>(requests());
        java.util.Collections.reverse(oldestFirst); // WireMock's journal lists the newest first
        return oldestFirst.stream().filter(r -> !r.getUrl().contains("/access_tokens"))
                .map(r -> r.getMethod().getName() + " " + r.getUrl()).toList();
    }

    public void assertOnlyRealRoutes() {
        for (LoggedRequest r : requests()) {
            if (!RestRoutes.isReal(r.getMethod().getName(), r.getUrl())) {
                throw new AssertionError("the bot called " + r.getMethod() + " " + r.getUrl() + ", which real GitHub does not serve");
            }
        }
    }

    @Override
    public void close() {
        try {
            assertOnlyRealRoutes();
        } finally {
            webhooks.close();
            server.stop();
        }
    }

    /** POST /app/installations/{id}/access_tokens, checked the way GitHub checks it. */
    private static final class TokenEndpoint implements ResponseDefinitionTransformerV2 {
        static final String NAME = "github-token-endpoint";
        private final long appId;
        private final PublicKey key;
        private final AtomicInteger issued;

        TokenEndpoint(long appId, PublicKey key, AtomicInteger issued) {
            this.appId = appId;
            this.key = key;
            this.issued = issued;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String auth = event.getRequest().getHeader("Authorization");
            String problem = check(auth);
            if (problem != null) {
                return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"" + problem + "\",\"documentation_url\":\"https://docs.github.com/rest\"}").build();
            }
            int n = issued.incrementAndGet();
            String token = TOKEN_PREFIX + "x".repeat(510) + n; // ~520 characters, like GitHub's newer tokens
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"token\":\"" + token + "\",\"expires_at\":\"" + Instant.now().plusSeconds(3600)
                            + "\",\"permissions\":{\"checks\":\"write\"},\"repository_selection\":\"all\"}").build();
        }

        private String check(String auth) {
            if (auth == null || !auth.startsWith("Bearer ")) {
                return "A JSON web token could not be decoded";
            }
            try {
                Claims claims = Jwts.parser().verifyWith(key).clockSkewSeconds(0).build()
                        .parseSignedClaims(auth.substring("Bearer ".length())).getPayload();
                if (!Long.toString(appId).equals(claims.getIssuer())) {
                    return "'Issuer' claim ('iss') must be the app id";
                }
                long lifetime = claims.getExpiration().getTime() - claims.getIssuedAt().getTime();
                if (lifetime > 10 * 60_000) {
                    return "'Expiration time' claim ('exp') is too far in the future";
                }
                if (claims.getIssuedAt().after(new java.util.Date())) {
                    return "'Issued at' claim ('iat') must be an Integer representing a time in the past";
                }
                return null;
            } catch (RuntimeException e) {
                return "A JSON web token could not be decoded";
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
}
