package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.Users;

import java.util.Set;

/** A delivery as features see it: parsed, with the attempt it is on. An event without an action has "" for one. */
public record WebhookEvent(String deliveryId, String event, String action, Long installationId, String repository,
                           JsonNode payload, int attempt) {
    /** The pull_request actions after which a pull request's code is new to the checks. */
    private static final Set<String> CODE_ACTIONS = Set.of("opened", "reopened", "synchronize", "ready_for_review");

    public WebhookEvent {
        action = action == null ? "" : action;
    }

    /** Who caused the event. */
    public String sender() {
        return payload.path("sender").path("login").asText();
    }

    public boolean sentByBot() {
        return Users.isBot(payload.path("sender"));
    }

    /**
     * A {@code pull_request} event after which the checks must look again: new code, or a move to another base
     * branch (a title edit is not one).
     */
    public boolean pullRequestToCheck() {
        return event.equals("pull_request") && (CODE_ACTIONS.contains(action)
                || "edited".equals(action) && payload.path("changes").has("base"));
    }

    /** A {@code check_run} event asking to run the check named {@code check} again. */
    public boolean rerunOf(String check) {
        return event.equals("check_run") && "rerequested".equals(action) && check.equals(payload.path("check_run").path("name").asText());
    }

    /** A merge queue asking for the required checks on a group's head. */
    public boolean mergeGroupChecksRequested() {
        return event.equals("merge_group") && "checks_requested".equals(action);
    }

    /** The commit a merge group's checks are asked for. */
    public String mergeGroupHead() {
        return payload.path("merge_group").path("head_sha").asText();
    }

    /** The commit a merge group's changes start from. */
    public String mergeGroupBase() {
        return payload.path("merge_group").path("base_sha").asText();
    }

    /** A new comment on a pull request (GitHub sends those as issue comments). */
    public boolean newPullRequestComment() {
        return event.equals("issue_comment") && "created".equals(action) && payload.path("issue").has("pull_request");
    }
}
