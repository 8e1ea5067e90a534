package dev.releasetrain.notes;

import java.util.List;
import java.util.Set;

/** A merged pull request as the notes need it. */
public record MergedPullRequest(long number, String title, String author, String authorAssociation, List<String> labels,
                                long mergedAt, boolean highlight, String note) {
    private static final Set<String> INSIDERS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    public boolean firstTime() {
        return "FIRST_TIME_CONTRIBUTOR".equals(authorAssociation) || "FIRST_TIMER".equals(authorAssociation);
    }

    public boolean outside() {
        return authorAssociation != null && !INSIDERS.contains(authorAssociation);
    }
}
