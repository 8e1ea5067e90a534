package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A delivery as the router sees it: its event, action and where it happened, the payload as parsed JSON (each
 * subscription reads it into its typed form), and the attempt it is on. An event without an action has "" for one.
 */
public record WebhookEvent(String deliveryId, String event, String action, Long installationId, String repository,
                           JsonNode payload, int attempt) {
    public WebhookEvent {
        action = action == null ? "" : action;
    }
}
