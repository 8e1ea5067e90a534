package dev.releasetrain.cherrypick;

import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.config.CherryPickSettings;
import dev.releasetrain.github.OpenOrMerged;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.notes.ReleaseNote;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks a merged pull request onto release branches. The result lands as a pull request into each release branch
 * (or, with {@code cherry-pick.mode: push}, on the branch itself). A conflict arrives as a draft pull request whose
 * commit holds git's conflict markers ({@link DraftConflictedPick}); in push mode, or when it cannot be drafted, it
 * leaves nothing half-made but a comment with the exact git commands. Targets already done are skipped, so a repeat
 * does nothing new. A branch not cut yet is waited for (never a failure); a release already tagged is not written to.
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
        Map<String, CherryPickRecords.Row> before = new HashMap<>();
        boolean failedBefore = false;
        for (CherryPickRecords.Row r : records.of(repo, number)) {
            before.put(r.target(), r);
            failedBefore |= r.state() == PickState.FAILED;
        }
        CommitsToPick.Picks commits = null;
        boolean failed = false;
        for (String target : targets) {
            if (before.containsKey(target) && before.get(target).state().landed()) {
                continue; // a repeat: the work is there and reported
            }
            if (commits == null) {
                commits = CommitsToPick.of(github, pr);
            }
            CherryPickRecords.Row row = pickOne(github, pr, commits, target, settings, Optional.ofNullable(before.get(target)));
            records.put(repo, number, row);
            failed |= row.state() == PickState.FAILED;
        }
        String label = settings.failedLabel();
        if (failed) {
            github.labels().ensureLabel(label, "b60205", "A cherry-pick into a release branch needs doing by hand");
            github.labels().addLabels(number, List.of(label));
        } else if (failedBefore && records.of(repo, number).stream().noneMatch(r -> r.state() == PickState.FAILED)) {
            github.labels().removeLabel(number, label); // done by hand and seen: nothing is left to do
        }
        report(github, number);
    }

    private CherryPickRecords.Row pickOne(CherryPickGitHub github, GHPullRequest pr, CommitsToPick.Picks commits, String target,
                                          CherryPickSettings settings, Optional<CherryPickRecords.Row> before) throws Exception {
        long number = pr.getNumber();
        String work = new PickBranch(number, target).name();
        if (!settings.push()) { // an open or merged pick pull request is this pick; one closed unmerged is made again
            Optional<GHPullRequest> existing = github.pulls().pullRequestsFrom(work).stream().filter(OpenOrMerged::test).findFirst();
            if (existing.isPresent()) {
                boolean merged = existing.get().getMergedAt() != null;
                String url = existing.get().getHtmlUrl().toString();
                if (!merged && before.isPresent() && before.get().state() == PickState.CONFLICT && url.equals(before.get().url())) {
                    return before.get(); // the draft with the conflicts, still to be resolved
                }
                return new CherryPickRecords.Row(target, merged ? PickState.DONE : PickState.OPEN, "pull request #" + existing.get().getNumber()
                        + (merged ? " merged" : ""), url, null);
            }
        }
        Optional<String> version = PickTargets.versionOf(target);
        if (version.isPresent() && github.git().ref("tags/" + version.get()).isPresent()) {
            // a shipped release's branch is history: nothing is written to it
            String next = PickTargets.nextPatch(version.get());
            String how = PickTargets.labelFor(settings, target.replace(version.get(), next), next).map(l -> "label it `" + l + "`")
                    .orElse("pick it into " + next + "'s branch");
            return new CherryPickRecords.Row(target, PickState.REFUSED, version.get() + " is tagged, so nothing was picked into `" + target
                    + "`: to ship this fix in the next patch, " + how, null, null);
        }
        PickResult result;
        try {
            result = new CherryPickThroughMerges(github.git()).pick(commits.commits(), target, "release-train/tmp-" + number + "-to-" + target);
        } catch (GitHubApiException e) {
            if (e.refusedWorkflow().isEmpty()) {
                throw e;
            }
            return new CherryPickRecords.Row(target, PickState.FAILED, PickReport.workflowRefused(e.refusedWorkflow().get())
                    + PickReport.manual(commits, target, work), null, null);
        }
        if (result instanceof PickResult.MissingTarget) { // labelled early: not a failure, the release is not cut yet
            String when = version.isEmpty() ? "`" + target + "` is not cut yet: once it is, comment `/cherry-pick " + target + "` here"
                    : PickTargets.patch(version.get()) ? "`" + target + "` is not cut yet: a patch is cut from its line's last tag, "
                    + "so once it is, comment `/cherry-pick " + target + "` here to pick this fix"
                    : "will be in " + version.get() + " when `" + target + "` is cut from the default branch";
            return new CherryPickRecords.Row(target, PickState.WAITING, when, null, null);
        }
        if (result instanceof PickResult.AlreadyThere) {
            return new CherryPickRecords.Row(target, PickState.ALREADY, "already on " + target, null, null);
        }
        if (result instanceof PickResult.Conflict conflict) {
            String why = "conflict while picking " + conflict.commit().substring(0, 7);
            if (!settings.push()) { // a draft with git's conflict markers, for a person to finish
                DraftConflictedPick.Drafting drafting = new DraftConflictedPick(github.git(), github.history())
                        .draft(commits.commits(), target, conflict.onto(), pr.getTitle());
                if (drafting instanceof DraftConflictedPick.Drafted drafted) {
                    return openPick(github, pr, target, work, drafted.head(), Optional.of(drafted), settings);
                }
                why += " (" + ((DraftConflictedPick.NotDrafted) drafting).why() + ")";
            }
            return new CherryPickRecords.Row(target, PickState.FAILED, why + PickReport.manual(commits, target, work), null, null);
        }
        String head = ((PickResult.Picked) result).head();
        if (settings.push()) {
            github.git().updateBranch(target, head, false);
            return new CherryPickRecords.Row(target, PickState.DONE, "pushed " + head.substring(0, 7) + " to " + target, null, null);
        }
        return openPick(github, pr, target, work, head, Optional.empty(), settings);
    }

    /**
     * The pick's pull request from {@code work} at {@code head}: ready when the pick was clean, a draft listing the
     * conflicts when it was not. Either way it carries the fix's labels, author, approvers and release note.
     */
    private CherryPickRecords.Row openPick(CherryPickGitHub github, GHPullRequest pr, String target, String work, String head,
                                           Optional<DraftConflictedPick.Drafted> conflicts, CherryPickSettings settings) throws Exception {
        long number = pr.getNumber();
        if (!github.git().createRef("refs/heads/" + work, head)) {
            github.git().updateBranch(work, head, true); // left by an attempt that crashed before opening the pull request
        }
        // the fix's own release note travels with it, so the release's notes need no second telling
        String note = ReleaseNote.block(pr.getBody()).map(n -> "\n\n```release-note\n" + n + "\n```").orElse("");
        GHPullRequest opened = github.pulls().openPullRequest("[" + target + "] " + pr.getTitle(), work, target,
                "Cherry-pick of #" + number + " (" + pr.getHtmlUrl() + ") into `" + target + "`, by Release Train."
                        + conflicts.map(d -> PickReport.conflicts(d, work)).orElse("") + note, conflicts.isPresent());
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
        if (conflicts.isPresent()) {
            List<DraftConflictedPick.ConflictedFile> files = conflicts.get().files();
            return new CherryPickRecords.Row(target, PickState.CONFLICT, "draft pull request #" + newNumber + (files.isEmpty()
                    ? " could not be merged by git: check it" : " has conflicts in " + files.stream().map(f -> "`" + f.path() + "`")
                    .collect(Collectors.joining(", "))), opened.getHtmlUrl().toString(), null);
        }
        return new CherryPickRecords.Row(target, PickState.OPEN, "pull request #" + newNumber + autoMerge(github, opened, settings),
                opened.getHtmlUrl().toString(), null);
    }

    /**
     * GitHub's auto-merge on a clean pick, when the config asks for it: the repository's rules still decide when it
     * merges. GitHub refuses it where the repository does not allow auto-merge or the method; the pick stands.
     */
    private static String autoMerge(CherryPickGitHub github, GHPullRequest pick, CherryPickSettings settings) throws IOException {
        if (settings.autoMerge().isEmpty()) {
            return "";
        }
        try {
            github.pulls().enableAutoMerge(pick, settings.autoMerge().get());
            return ", set to merge itself when its checks pass";
        } catch (GitHubApiException e) {
            if (e.status() >= 500) {
                throw e; // GitHub's trouble: the delivery is tried again
            }
            return ", which GitHub would not set to merge itself (" + e.getMessage() + ")";
        }
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
