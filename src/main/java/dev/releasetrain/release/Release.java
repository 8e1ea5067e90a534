package dev.releasetrain.release;

import java.util.Optional;

/**
 * A release a repository has started: its checklist issue, owner, the tag of the version before it and the commit
 * it was cut at (both fixed at the start), and when it started, which says which month's train it rides.
 */
public record Release(String repository, Version version, Long issueNumber, String owner, boolean cancelled,
                      Optional<String> previousTag, String cutSha, long startedAt) {
    public Release withIssue(long number) {
        return new Release(repository, version, number, owner, cancelled, previousTag, cutSha, startedAt);
    }

    public Release withOwner(String login) {
        return new Release(repository, version, issueNumber, login, cancelled, previousTag, cutSha, startedAt);
    }

    public Release cancel() {
        return new Release(repository, version, issueNumber, owner, true, previousTag, cutSha, startedAt);
    }
}
