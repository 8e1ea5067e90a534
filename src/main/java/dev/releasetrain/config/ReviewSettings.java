package dev.releasetrain.config;

import java.util.Set;

/** The {@code review} section: who must approve before a merge, and the labels of the emergency path. */
public record ReviewSettings(boolean enabled, int requiredApprovals, boolean dismissStaleApprovals, Set<String> exemptAuthors,
                             String emergencyLabel, String postMergeReviewLabel) {
}
