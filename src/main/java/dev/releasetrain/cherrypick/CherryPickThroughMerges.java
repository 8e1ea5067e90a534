package dev.releasetrain.cherrypick;

import dev.releasetrain.github.GitCommit;
import dev.releasetrain.github.GitData;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Cherry-picks through GitHub's REST API, without a clone. For each commit C (parent P) onto the target head T:
 * a "sibling" commit S with T's tree and parent P goes on a temporary branch; GitHub merges C into it (a three-way
 * merge with base P, which is exactly T + (C − P)); a new commit with the merged tree and parent T becomes the new
 * head. Author and committer are left to GitHub, so the commit is signed; the original author is credited with
 * Co-authored-by. The temporary branch is removed however it ends.
 */
public final class CherryPickThroughMerges {
    private final GitData git;

    public CherryPickThroughMerges(GitData git) {
        this.git = git;
    }

    /** @param commits oldest first; a merge commit is picked relative to its first parent */
    public PickResult pick(List<String> commits, String target, String tempBranch) throws IOException {
        Optional<String> targetHead = git.ref("heads/" + target);
        if (targetHead.isEmpty()) {
            return new PickResult.MissingTarget();
        }
        String onto = targetHead.get();
        String head = onto;
        String headTree = git.commit(head).tree();
        // a leftover from an attempt that crashed: start clean
        git.deleteBranch(tempBranch);
        git.createRef("refs/heads/" + tempBranch, head);
        try {
            List<String> picked = new java.util.ArrayList<>();
            for (String sha : commits) {
                GitCommit c = git.commit(sha);
                String parent = c.parents().get(0);
                String sibling = git.createCommit("release-train: sibling of " + sha, headTree, List.of(parent));
                git.updateBranch(tempBranch, sibling, true);
                GitData.Merge merged = git.merge(tempBranch, sha, "release-train: pick " + sha);
                if (merged.conflict()) {
                    return new PickResult.Conflict(sha, onto);
                }
                if (merged.nothingToMerge() || merged.tree().equals(headTree)) {
                    continue; // already contained, or its change is on the target already: nothing of it to pick
                }
                head = git.createCommit(message(sha, c), merged.tree(), List.of(head));
                headTree = merged.tree();
                picked.add(sha);
            }
            return picked.isEmpty() ? new PickResult.AlreadyThere() : new PickResult.Picked(head, List.copyOf(picked));
        } finally {
            git.deleteBranch(tempBranch);
        }
    }

    /** The original message, the -x line git writes, and the original author credited. */
    static String message(String sha, GitCommit commit) {
        return commit.message().strip() + "\n\n(cherry picked from commit " + sha + ")" + credit(commit);
    }

    /** The original author's credit on a commit the bot makes for them (none when the commit names nobody). */
    static String credit(GitCommit commit) {
        return commit.authorName() != null && commit.authorEmail() != null
                ? "\n\nCo-authored-by: " + commit.authorName() + " <" + commit.authorEmail() + ">" : "";
    }
}
