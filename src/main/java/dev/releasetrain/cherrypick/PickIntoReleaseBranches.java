package dev.releasetrain.cherrypick;

import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.config.CherryPickSettings;
import dev.releasetrain.github.OpenOrMerged;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.notes.ReleaseNote;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks a merged pull request onto release branches. The result lands as a pull request into each release branch
 * (or, with {@code cherry-pick.mode: push}, on the branch itself); a conflict leaves nothing half-made but a comment
 * with the exact git commands. Targets already done are skipped, so a repeat does nothing new. A branch not cut yet
 * is waited for (never a failure); a release already tagged is not written to.
 */
final class PickIntoReleaseBranches {
    /** Reviewers asked for on one pick: GitHub takes a handful per request, and a fix has few approvers. */
    private static final int MAX_REVIEWERS = 10;
    private final CherryPickRecords records;

    PickIntoReleaseBranches(CherryPickRecords records) {
        this.records = records;
    }

    void pickAll(CherryPickGitHub github, GHPullRequest pr, Set<String> targets, CherryPickSettings settings) throws Exception {
        if (targets.isEmpty()) {
            return;
        }
        String repo = github.repository();
        long number = pr.getNumber();
        Set<String> settled = new LinkedHashSet<>();
        boolean failedBefore = false;
        for (CherryPickRecords.Row r : records.of(repo, number)) {
            if (r.state().equals("done") || r.state().equals("already")) {
                settled.add(r.target());
            }
            failedBefore |= r.state().equals("failed");
        }
        CommitsToPick.Picks commits = null;
        boolean failed = false;
        for (String target : targets) {
            if (settled.contains(target)) {
                continue; // a repeat: the work is there and reported
            }
            if (commits == null) {
                commits = CommitsToPick.of(github, pr);
            }
            CherryPickRecords.Row row = pickOne(github, pr, commits, target, settings);
            records.put(repo, number, row);
            failed |= row.state().equals("failed");
        }
        String label = settings.failedLabel();
        if (failed) {
            github.labels().ensureLabel(label, "b60205", "A cherry-pick into a release branch needs doing by hand");
            github.labels().addLabels(number, List.of(label));
        } else if (failedBefore && records.of(repo, number).stream().noneMatch(r -> r.state().equals("failed"))) {
            github.labels().removeLabel(number, label); // done by hand and seen: nothing is left to do
        }
        report(github, number);
    }

    private CherryPickRecords.Row pickOne(CherryPickGitHub github, GHPullRequest pr, CommitsToPick.Picks commits, String target,
                                          CherryPickSettings settings) throws Exception {
        long number = pr.getNumber();
        String work = "release-train/cherry-pick-" + number + "-to-" + target;
        if (!settings.push()) { // an open or merged pick pull request is this pick; one closed unmerged is made again
            Optional<GHPullRequest> existing = github.pulls().pullRequestsFrom(work).stream().filter(OpenOrMerged::test).findFirst();
            if (existing.isPresent()) {
                boolean merged = existing.get().getMergedAt() != null;
                return new CherryPickRecords.Row(target, merged ? "done" : "open", "pull request #" + existing.get().getNumber()
                        + (merged ? " merged" : ""), existing.get().getHtmlUrl().toString(), null);
            }
        }
        Optional<String> version = PickTargets.versionOf(target);
        if (version.isPresent() && github.git().ref("tags/" + version.get()).isPresent()) {
            // a shipped release's branch is history: nothing is written to it
            String next = PickTargets.nextPatch(version.get());
            String how = PickTargets.labelFor(settings, target.replace(version.get(), next), next).map(l -> "label it `" + l + "`")
                    .orElse("pick it into " + next + "'s branch");
            return new CherryPickRecords.Row(target, "refused", version.get() + " is tagged, so nothing was picked into `" + target
                    + "`: to ship this fix in the next patch, " + how, null, null);
        }
        PickResult result;
        try {
            result = new CherryPickThroughMerges(github.git()).pick(commits.commits(), target, "release-train/tmp-" + number + "-to-" + target);
        } catch (GitHubApiException e) {
            if (e.refusedWorkflow().isEmpty()) {
                throw e;
            }
            return new CherryPickRecords.Row(target, "failed", PickReport.workflowRefused(e.refusedWorkflow().get())
                    + PickReport.manual(commits, target, work), null, null);
        }
        if (result instanceof PickResult.MissingTarget) { // labelled early: not a failure, the release is not cut yet
            String when = version.isEmpty() ? "`" + target + "` is not cut yet: once it is, comment `/cherry-pick " + target + "` here"
                    : PickTargets.patch(version.get()) ? "`" + target + "` is not cut yet: a patch is cut from its line's last tag, "
                    + "so once it is, comment `/cherry-pick " + target + "` here to pick this fix"
                    : "will be in " + version.get() + " when `" + target + "` is cut from the default branch";
            return new CherryPickRecords.Row(target, "waiting", when, null, null);
        }
        if (result instanceof PickResult.AlreadyThere) {
            return new CherryPickRecords.Row(target, "already", "already on " + target, null, null);
        }
        if (result instanceof PickResult.Conflict conflict) {
            return new CherryPickRecords.Row(target, "failed", "conflict while picking " + conflict.commit().substring(0, 7)
                    + PickReport.manual(commits, target, work), null, null);
        }
        String head = ((PickResult.Picked) result).head();
        if (settings.push()) {
            github.git().updateBranch(target, head, false);
            return new CherryPickRecords.Row(target, "done", "pushed " + head.substring(0, 7) + " to " + target, null, null);
        }
        if (!github.git().createRef("refs/heads/" + work, head)) {
            github.git().updateBranch(work, head, true); // left by an attempt that crashed before opening the pull request
        }
        // the fix's own release note travels with it, so the release's notes need no second telling
        String note = ReleaseNote.block(pr.getBody()).map(n -> "\n\n```release-note\n" + n + "\n```").orElse("");
        GHPullRequest opened = github.pulls().openPullRequest("[" + target + "] " + pr.getTitle(), work, target,
                "Cherry-pick of #" + number + " (" + pr.getHtmlUrl() + ") into `" + target + "`, by Release Train." + note);
        long newNumber = opened.getNumber();
        String author = pr.getUser() == null ? "" : pr.getUser().getLogin();
        if (!author.isEmpty()) {
            github.issues().addAssignees(newNumber, List.of(author));
        }
        askTheFixsApprovers(github, number, author, newNumber);
        List<String> labels = pr.getLabels().stream().map(GHLabel::getName).filter(l -> PickTargets.carriedOver(settings, l)).toList();
        if (!labels.isEmpty()) {
            github.labels().addLabels(newNumber, labels);
        }
        // done when it merges (LandPickPullRequests): an open pull request is not on the branch yet
        return new CherryPickRecords.Row(target, "open", "pull request #" + newNumber, opened.getHtmlUrl().toString(), null);
    }

    /**
     * The people who approved the fix are asked to review its pick, which waits for nobody else. GitHub refuses (422)
     * a request naming someone who can no longer be asked; the pick stands without it.
     */
    private static void askTheFixsApprovers(CherryPickGitHub github, long fix, String author, long pick) throws IOException {
        List<String> approvers = github.pulls().reviews(fix).stream().filter(r -> r.state().equals("APPROVED") && !r.bot()
                && !r.login().equals(author)).map(PullRequestReview::login).distinct().limit(MAX_REVIEWERS).toList();
        if (approvers.isEmpty()) {
            return;
        }
        try {
            github.pulls().requestReviewers(pick, approvers);
        } catch (GitHubApiException e) {
            if (e.status() != 422) {
                throw e;
            }
        }
    }

    void report(CherryPickGitHub github, long number) throws Exception {
        github.comments().upsertComment(number, PickReport.MARKER, PickReport.render(records.of(github.repository(), number)));
    }
}
