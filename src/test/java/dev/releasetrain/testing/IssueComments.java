package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET and POST /repos/{owner}/{repo}/issues/{n}/comments with GitHub's answers (201 with the comment, the list in
 * creation order). {@link #applyThenFail} plays GitHub doing a write and then failing to say so.
 */
public final class IssueComments implements ResponseDefinitionTransformerV2 {
    static final String NAME = "issue-comments";
    static final String PATH = "/repos/[^/]+/[^/]+/issues/\\d+/comments";
    private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<ObjectNode>> byIssue = new HashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private int applyThenFail;

    /** The next {@code n} comment creations are stored but answered with 502. */
    public synchronized void applyThenFail(int n) {
        applyThenFail = n;
    }

    public synchronized List<JsonNode> on(String repository, int issue) {
        return List.copyOf(byIssue.getOrDefault(repository + "#" + issue, List.of()));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String path = event.getRequest().getUrl().split("\\?", 2)[0];
        Matcher m = ISSUE.matcher(path);
        if (!m.matches()) {
            return event.getResponseDefinition();
        }
        String key = m.group(1) + "#" + m.group(2);
        List<ObjectNode> list = byIssue.computeIfAbsent(key, k -> new ArrayList<>());
        try {
            if (event.getRequest().getMethod().getName().equals("POST")) {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                ObjectNode c = JSON.createObjectNode();
                long id = ids.incrementAndGet();
                c.put("id", id);
                c.put("body", body.path("body").asText());
                c.put("html_url", "https://github.com/" + m.group(1) + "/issues/" + m.group(2) + "#issuecomment-" + id);
                c.putObject("user").put("login", "release-train[bot]").put("type", "Bot");
                c.put("created_at", Instant.now().toString());
                list.add(c);
                if (applyThenFail > 0) {
                    applyThenFail--;
                    return json(502, JSON.createObjectNode().put("message", "Server Error"));
                }
                return json(201, c);
            }
            ArrayNode array = JSON.createArrayNode();
            list.forEach(array::add);
            return json(200, array);
        } catch (Exception e) {
            return json(400, JSON.createObjectNode().put("message", "Problems parsing JSON"));
        }
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
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
