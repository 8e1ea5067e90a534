package dev.releasetrain.review;

import dev.releasetrain.github.PullRequestReview;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReviewPolicyTest {
    private static ReviewVerdict verdict(int required, List<PullRequestReview> reviews, Set<String> writers) {
        return ReviewPolicy.evaluate(new ReviewPolicy.Input("author", false, required, false, Set.of(), reviews, "h", Map.of(),
                writers, Optional.empty(), false));
    }

    @Test
    void aCommentDoesNotReplaceAnApprovalButADismissalDoes() {
        assertEquals("success", verdict(1, List.of(new PullRequestReview("a", false, "APPROVED", "h"), new PullRequestReview("a", false, "COMMENTED", "h")),
                Set.of()).conclusion());
        assertEquals("failure", verdict(1, List.of(new PullRequestReview("a", false, "APPROVED", "h"), new PullRequestReview("a", false, "DISMISSED", "h")),
                Set.of()).conclusion());
    }

    @Test
    void twoRequiredApprovalsNeedTwoPeople() {
        ReviewVerdict one = verdict(2, List.of(new PullRequestReview("a", false, "APPROVED", "h"), new PullRequestReview("a", false, "APPROVED", "h")), Set.of());
        assertEquals("Waiting for: 1 approval from someone other than @author", one.title());
        assertEquals("success", verdict(2, List.of(new PullRequestReview("a", false, "APPROVED", "h"), new PullRequestReview("b", false, "APPROVED", "h")),
                Set.of()).conclusion());
    }

    @Test
    void exemptAuthorsPassAndDraftsWait() {
        ReviewVerdict exempt = ReviewPolicy.evaluate(new ReviewPolicy.Input("dependabot[bot]", false, 1, false, Set.of("dependabot[bot]"),
                List.of(), "h", Map.of(), Set.of(), Optional.empty(), false));
        assertEquals("success", exempt.conclusion());
        ReviewVerdict draft = ReviewPolicy.evaluate(new ReviewPolicy.Input("author", true, 1, false, Set.of(),
                List.of(), "h", Map.of(), Set.of(), Optional.empty(), false));
        assertNull(draft.conclusion());
    }

    @Test
    void withApprovalsFromWritersOnlyAWritersApprovalCounts() {
        List<PullRequestReview> approved = List.of(new PullRequestReview("reader", false, "APPROVED", "h"));
        ReviewVerdict reader = ReviewPolicy.evaluate(new ReviewPolicy.Input("author", false, 1, false, Set.of(), approved, "h", Map.of(),
                Set.of(), Optional.empty(), true));
        assertEquals("failure", reader.conclusion());
        assertEquals(List.of("has no write access: approvals count from people who may merge (`review.count-approvals-from: write`)"),
                reader.rows().stream().map(ReviewVerdict.Row::why).toList());
        assertEquals("success", ReviewPolicy.evaluate(new ReviewPolicy.Input("author", false, 1, false, Set.of(), approved, "h", Map.of(),
                Set.of("reader"), Optional.empty(), true)).conclusion());
    }
}
