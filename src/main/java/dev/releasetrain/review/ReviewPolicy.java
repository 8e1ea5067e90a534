package dev.releasetrain.review;

import dev.releasetrain.github.PullRequestReview;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule "someone other than the author approves before merge", as a pure function. Each reviewer's latest
 * approving, change-requesting or dismissed review stands (a comment does not replace it); bots and the author do
 * not count; a change request from someone with write access blocks until they approve or it is dismissed; with
 * {@code dismiss-stale-approvals} an approval counts on a later commit only if the tree is the same.
 */
public final class ReviewPolicy {
    private ReviewPolicy() {
    }

    /**
     * What a pull request and its repository's policy say, with the facts the handler looked up.
     *
     * @param writers              the reviewers (among those whose review could count or block) with write access
     * @param approvalsFromWriters only writers' approvals count, as GitHub's required reviews
     */
    public record Input(String author, boolean draft, int requiredApprovals, boolean dismissStale, Set<String> exemptAuthors,
                        List<PullRequestReview> reviews, String headSha, Map<String, String> treeOfCommit, Set<String> writers,
                        Optional<EmergencyOverride> override, boolean approvalsFromWriters) {
    }

    /** Each reviewer's standing review: the latest that is not a plain comment. */
    public static Map<String, PullRequestReview> standing(List<PullRequestReview> reviews) {
        Map<String, PullRequestReview> latest = new LinkedHashMap<>();
        for (PullRequestReview r : reviews) {
            if (!r.state().equals("COMMENTED") && !r.state().equals("PENDING")) {
                latest.put(r.login(), r);
            }
        }
        return latest;
    }

    public static ReviewVerdict evaluate(Input in) {
        List<ReviewVerdict.Row> rows = new ArrayList<>();
        int counted = 0;
        List<String> blockers = new ArrayList<>();
        String headTree = in.treeOfCommit().get(in.headSha());
        for (PullRequestReview r : standing(in.reviews()).values()) {
            String why;
            boolean counts = false;
            if (r.bot()) {
                why = "reviews by bots do not count";
            } else if (r.login().equalsIgnoreCase(in.author())) {
                why = "the author's own review does not count";
            } else if (r.state().equals("APPROVED") && in.approvalsFromWriters() && !in.writers().contains(r.login())) {
                why = "has no write access: approvals count from people who may merge (`review.count-approvals-from: write`)";
            } else if (r.state().equals("APPROVED")) {
                boolean current = r.commitId().equals(in.headSha());
                String tree = in.treeOfCommit().get(r.commitId());
                if (current || !in.dismissStale()) {
                    counts = true;
                    why = current ? "approved the current commit" : "approved an earlier commit (stale approvals still count here)";
                } else if (tree != null && tree.equals(headTree)) {
                    counts = true;
                    why = "approved an earlier commit with the same content";
                } else {
                    why = "approved an earlier commit; this repository asks for approval of the latest changes";
                }
            } else if (r.state().equals("CHANGES_REQUESTED")) {
                if (in.writers().contains(r.login())) {
                    blockers.add("@" + r.login() + " requested changes");
                    why = "blocks until @" + r.login() + " approves or the review is dismissed";
                } else {
                    why = "requested changes (without write access, this does not block)";
                }
            } else {
                why = "review dismissed";
            }
            counted += counts ? 1 : 0;
            rows.add(new ReviewVerdict.Row(r.login(), r.state().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    r.commitId().length() >= 7 ? r.commitId().substring(0, 7) : r.commitId(), counts, why));
        }
        List<String> missing = new ArrayList<>(blockers);
        if (counted < in.requiredApprovals()) {
            int need = in.requiredApprovals() - counted;
            missing.add(need + " approval" + (need == 1 ? "" : "s") + " from someone other than @" + in.author());
        }
        if (in.override().isPresent()) {
            EmergencyOverride o = in.override().get();
            return new ReviewVerdict("success", "Emergency override by @" + o.actor() + ": " + o.reason(), rows, counted,
                    in.requiredApprovals(), missing);
        }
        if (in.exemptAuthors().contains(in.author())) {
            return new ReviewVerdict("success", "@" + in.author() + " is exempt from review (review.exempt-authors)", rows, counted,
                    in.requiredApprovals(), List.of());
        }
        if (in.draft()) {
            return new ReviewVerdict(null, "Draft: review is checked once it is ready", rows, counted, in.requiredApprovals(), missing);
        }
        if (missing.isEmpty()) {
            return new ReviewVerdict("success", counted + " of " + in.requiredApprovals() + " required approval"
                    + (in.requiredApprovals() == 1 ? "" : "s"), rows, counted, in.requiredApprovals(), missing);
        }
        return new ReviewVerdict("failure", "Waiting for: " + String.join("; ", missing), rows, counted, in.requiredApprovals(), missing);
    }

    /** The check's summary: who reviewed what, what counts, what is missing, and the way out in an emergency. */
    public static String summary(ReviewVerdict v, String emergencyLabel) {
        StringBuilder s = new StringBuilder();
        s.append("Every pull request is approved by someone other than its author before it merges (").append(v.counted())
                .append(" of ").append(v.required()).append(" approvals counted).\n\n");
        if (v.rows().isEmpty()) {
            s.append("No reviews yet.\n");
        } else {
            s.append("| reviewer | review | commit | counts | why |\n|---|---|---|---|---|\n");
            for (ReviewVerdict.Row r : v.rows()) {
                s.append("| @").append(r.login()).append(" | ").append(r.state()).append(" | `").append(r.commit()).append("` | ")
                        .append(r.counts() ? "yes" : "no").append(" | ").append(r.why()).append(" |\n");
            }
        }
        if (!v.missing().isEmpty()) {
            s.append("\n**Still missing:** ").append(String.join("; ", v.missing())).append(".\n");
        }
        s.append("\n**Emergency?** Someone with write permission can add the label `").append(emergencyLabel)
                .append("` or comment `/emergency <reason>`: the check passes, the override is recorded, and the pull request ")
                .append("is flagged for review after it merges.\n");
        return s.toString();
    }
}
