package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** One submitted review, as GitHub lists it (state APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED). */
public record PullRequestReview(String login, boolean bot, String state, String commitId) {
    /**
     * A review as GitHub's JSON has it, listed or in a webhook (hub4j's {@code GHPullRequestReview.getUser()} asks
     * GitHub for the user even offline, so the reviewer is read here).
     */
    public static PullRequestReview read(JsonNode review) {
        JsonNode user = review.path("user");
        return new PullRequestReview(user.path("login").asText(), Users.isBot(user), review.path("state").asText().toUpperCase(Locale.ROOT),
                review.path("commit_id").asText());
    }
}
