package dev.releasetrain.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.delivery.WebhookEvent;

/**
 * A merge queue's group asking for the required checks (hub4j has no type for {@code merge_group}): the commit
 * the checks are for and the one its changes start from.
 */
public record MergeGroup(String headSha, String baseSha, String baseRef) {
    public static MergeGroup read(WebhookEvent e) {
        JsonNode group = e.payload().path("merge_group");
        return new MergeGroup(group.path("head_sha").asText(), group.path("base_sha").asText(), group.path("base_ref").asText());
    }
}
