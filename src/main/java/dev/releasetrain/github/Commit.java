package dev.releasetrain.github;

/** A commit as a history shows it; {@code login} is empty when git's author is no GitHub user. */
public record Commit(String sha, String subject, String login, String name) {
}
