package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.InstallationClient;

/**
 * A feature-shaped handler for testing the foundation: reads the repo config, the repository (through hub4j) and the
 * issue's comments, and posts one marked comment unless it is there already: the idempotent write every real
 * feature makes.
 */
public final class CommentOnceHandler implements EventHandler {
    public static final String MARKER = "<!-- release-train:test -->";
    private final App.Services services;

    public CommentOnceHandler(App.Services services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "comment-once";
    }

    @Override
    public boolean handles(WebhookEvent event) {
        return event.event().equals("issues") && event.installationId() != null;
    }

    @Override
    public void handle(WebhookEvent event) throws Exception {
        InstallationClient gh = services.github().installation(event.installationId());
        ConfigResult config = services.configs().load(gh.rest(), event.repository());
        gh.hub().getRepository(event.repository());
        long issue = event.payload().path("issue").path("number").asLong();
        String comments = "/repos/" + event.repository() + "/issues/" + issue + "/comments";
        for (JsonNode c : gh.rest().get(comments)) {
            if (c.path("body").asText().contains(MARKER)) {
                return;
            }
        }
        String note = config instanceof ConfigResult.Invalid invalid ? invalid.problem().getMessage() : "config ok";
        gh.rest().expect("POST", comments, java.util.Map.of("body", MARKER + "\n" + note));
    }
}
