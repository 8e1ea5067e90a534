package dev.releasetrain.github;

import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

/**
 * Whether a pull request the bot opened still stands for its work: open, or merged. One closed without merging does
 * not (the work is made again). Read from the listing's fields, so no call is made to fill the model in.
 */
public final class OpenOrMerged {
    private OpenOrMerged() {
    }

    public static boolean test(GHPullRequest pr) {
        return pr.getState() == GHIssueState.OPEN || pr.getMergedAt() != null;
    }
}
