package dev.releasetrain.notes;

import dev.releasetrain.github.Users;

import java.util.List;
import java.util.Set;

/**
 * A merged pull request as the notes need it.
 *
 * @param onReleaseBranch merged straight into the release's branch, not picked there (known when read for a release)
 */
public record MergedPullRequest(long number, String title, String author, String authorAssociation, List<String> labels,
                                long mergedAt, boolean highlight, String note, boolean onReleaseBranch) {
    private static final Set<String> INSIDERS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    /** The same pull request, known to be a fix merged straight into the release's branch. */
    public MergedPullRequest madeOnReleaseBranch() {
        return new MergedPullRequest(number, title, author, authorAssociation, labels, mergedAt, highlight, note, true);
    }

    public boolean firstTime() {
        return "FIRST_TIME_CONTRIBUTOR".equals(authorAssociation) || "FIRST_TIMER".equals(authorAssociation);
    }

    /**
     * Made by a person: what the notes list and thank. Bots' pull requests (dependency bumps, and this app's own picks
     * and sync pull requests) still count for the release's blockers, never as notes or contributors.
     */
    public boolean byPerson() {
        return !Users.isBotLogin(author);
    }

    public boolean outside() {
        return authorAssociation != null && !INSIDERS.contains(authorAssociation);
    }
}
