package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's own webhook delivery log on GitHub, read and acted on as the app (its JWT): the attempts, newest first,
 * a page at a time, and a request to deliver one again.
 */
public final class AppDeliveryLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private final GitHubTransport transport;
    private final AppJwt jwt;

    public AppDeliveryLog(GitHubTransport transport, AppJwt jwt) {
        this.transport = transport;
        this.jwt = jwt;
    }

    /** A page of attempts and where the next (older) one is. */
    public record Page(List<DeliveryAttempt> attempts, Optional<String> next) {
    }

    /** @param next the previous page's link to the next, or empty for the newest page */
    public Page page(Optional<String> next) throws IOException {
        GitHubHttp.Response response = send("GET", next.orElse(transport.url("/app/hook/deliveries?per_page=100")));
        if (response.status() != 200) {
            throw new GitHubApiException(response.status(), "GitHub refused the app's delivery log (HTTP " + response.status() + ")");
        }
        List<DeliveryAttempt> attempts = new ArrayList<>();
        for (JsonNode d : JSON.readTree(response.body())) {
            attempts.add(new DeliveryAttempt(d.path("id").asLong(), d.path("guid").asText(), Instant.parse(d.path("delivered_at").asText()),
                    d.path("redelivery").asBoolean(), d.path("status_code").asInt(), d.path("event").asText()));
        }
        String link = response.header("Link");
        Matcher m = link == null ? null : NEXT.matcher(link);
        return new Page(attempts, m != null && m.find() ? Optional.of(m.group(1)) : Optional.empty());
    }

    /** Asks GitHub to deliver an attempt's delivery again, with the same GUID. */
    public void redeliver(long attemptId) throws IOException {
        GitHubHttp.Response response = send("POST", transport.url("/app/hook/deliveries/" + attemptId + "/attempts"));
        if (response.status() != 202 && response.status() != 200) {
            throw new GitHubApiException(response.status(), "GitHub refused to redeliver attempt " + attemptId + " (HTTP " + response.status() + ")");
        }
    }

    private GitHubHttp.Response send(String method, String url) throws IOException {
        GitHubHttp.Request request = new GitHubHttp.Request(method, url,
                Map.of("Authorization", List.of("Bearer " + jwt.token()), "Accept", List.of("application/vnd.github+json"),
                        "X-GitHub-Api-Version", List.of(GitHubRest.API_VERSION)),
                new byte[0]);
        return transport.send(request, GitHubTransport.Caller.app(), null);
    }
}
