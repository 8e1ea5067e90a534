package dev.releasetrain.review;

/** One submitted review, as GitHub lists it (state APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED). */
public record Review(String login, boolean bot, String state, String commitId) {
}
