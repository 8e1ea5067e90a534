package dev.releasetrain.review;

import dev.releasetrain.checks.CheckPublisher;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.checks.MergeGroup;
import dev.releasetrain.checks.MergeGroupCheck;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.github.RepositoryClients;
import org.kohsuke.github.GHPullRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates and publishes {@code release-train/review}: for one pull request, and for a merge queue's group (which
 * passes when every pull request in it passes review or carries an emergency override, and fails naming those that
 * do not). Calls: the review listing, and only when they matter a permission lookup per change request and a
 * commit lookup per stale approval.
 */
public final class ReviewCheck {
    public static final String CHECK = "release-train/review";
    private final CheckPublisher checks;
    private final ReviewAudit audit;

    public ReviewCheck(CheckPublisher checks, ReviewAudit audit) {
        this.checks = checks;
        this.audit = audit;
    }

    /** Publishes the check for the pull request's head. */
    public void run(GHPullRequest pr, ReviewSettings settings, ReviewGitHub github) throws Exception {
        String head = pr.getHead().getSha();
        ReviewVerdict verdict = evaluate(github, pr, settings, audit.override(github.repository(), pr.getNumber()));
        String summary = ReviewPolicy.summary(verdict, settings.emergencyLabel());
        checks.publish(github.checks(), verdict.conclusion() == null
                ? CheckRunResult.inProgress(CHECK, head, verdict.title(), summary)
                : CheckRunResult.completed(CHECK, head, verdict.conclusion(), verdict.title(), summary));
    }

    /** The verdict on the pull request as it stands, looking up only what its reviews make necessary. */
    static ReviewVerdict evaluate(ReviewGitHub github, GHPullRequest pr, ReviewSettings settings, Optional<EmergencyOverride> override)
            throws IOException {
        String author = pr.getUser().getLogin();
        String head = pr.getHead().getSha();
        List<PullRequestReview> reviews = github.pulls().reviews(pr.getNumber());
        Set<String> writers = new HashSet<>();
        Map<String, String> trees = new HashMap<>();
        for (PullRequestReview r : ReviewPolicy.standing(reviews).values()) {
            boolean counts = !r.bot() && !r.login().equalsIgnoreCase(author);
            // a change request blocks only from a writer; an approval counts only from one (unless anyone's may)
            boolean askRights = r.state().equals("CHANGES_REQUESTED") || r.state().equals("APPROVED") && settings.approvalsFromWriters();
            if (counts && askRights && github.people().canWrite(r.login())) {
                writers.add(r.login());
            }
            if (counts && settings.dismissStaleApprovals() && r.state().equals("APPROVED") && !r.commitId().equals(head)) {
                for (String sha : List.of(head, r.commitId())) {
                    if (!trees.containsKey(sha)) {
                        trees.put(sha, github.git().tree(sha).orElse(null)); // unknown tree: the stale approval simply does not count
                    }
                }
            }
        }
        return ReviewPolicy.evaluate(new ReviewPolicy.Input(author, pr.isDraft(), settings.requiredApprovals(),
                settings.dismissStaleApprovals(), settings.exemptAuthors(), reviews, head, trees, writers, override,
                settings.approvalsFromWriters()));
    }

    /** The check on a merge queue's group. */
    public MergeGroupCheck onMergeGroups() {
        return new MergeGroupCheck(CHECK, s -> s.review().enabled(), this::judge);
    }

    CheckRunResult judge(MergeGroup group, MergeGroupCheck.Members members, RepoSettings settings, RepositoryClients repo) throws Exception {
        ReviewGitHub github = ReviewGitHub.of(repo);
        List<Long> prs = members.numbers();
        StringBuilder table = new StringBuilder("| pull request | review |\n|---|---|\n");
        List<String> waiting = new ArrayList<>();
        for (long n : prs) {
            GHPullRequest pr = github.pulls().pullRequest(n);
            ReviewVerdict v = evaluate(github, pr, settings.review(), audit.override(github.repository(), n));
            boolean passes = "success".equals(v.conclusion());
            table.append("| #").append(n).append(' ').append(pr.getTitle().replace("|", "\\|")).append(" | ")
                    .append(passes ? "✅ " : "❌ ").append(v.title().replace("|", "\\|")).append(" |\n");
            if (!passes) {
                waiting.add("#" + n);
            }
        }
        String title = prs.isEmpty() ? "No pull request found in this merge group"
                : waiting.isEmpty() ? "Every pull request in the group is reviewed (" + prs.size() + ")"
                : "Not reviewed: " + String.join(", ", waiting);
        String summary = "A merge group passes review when every pull request in it does (or carries an emergency override).\n\n"
                + (prs.isEmpty() ? "" : table.toString());
        return CheckRunResult.completed(CHECK, group.headSha(), !prs.isEmpty() && waiting.isEmpty() ? "success" : "failure", title, summary);
    }
}
