package dev.releasetrain.release;

import java.util.Optional;

/**
 * A release a repository has started: its checklist issue, owner, the tag of the version before it and the commit
 * it was cut at (both fixed at the start), when it started, which says which month's train it rides, and its branch.
 *
 * @param branch the release branch it was started with (null for a release from before the ledger, until a command fills it)
 */
public record Release(String repository, Version version, Long issueNumber, String owner, boolean cancelled,
                      Optional<String> previousTag, String cutSha, long startedAt, String branch) {
    public Release withIssue(long number) {
        return new Release(repository, version, number, owner, cancelled, previousTag, cutSha, startedAt, branch);
    }

    public Release withOwner(String login) {
        return new Release(repository, version, issueNumber, login, cancelled, previousTag, cutSha, startedAt, branch);
    }

    public Release withBranch(String name) {
        return new Release(repository, version, issueNumber, owner, cancelled, previousTag, cutSha, startedAt, name);
    }

    public Release cancel() {
        return new Release(repository, version, issueNumber, owner, true, previousTag, cutSha, startedAt, branch);
    }
}
