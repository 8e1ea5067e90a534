package dev.releasetrain.config;

import java.util.Set;

/**
 * The {@code review} section: who must approve before a merge, and the labels of the emergency path.
 *
 * @param approvalsFromWriters approvals count only from people with write access ({@code count-approvals-from: write})
 */
public record ReviewSettings(boolean enabled, int requiredApprovals, boolean dismissStaleApprovals, Set<String> exemptAuthors,
                             String emergencyLabel, String postMergeReviewLabel, boolean approvalsFromWriters) {
}
