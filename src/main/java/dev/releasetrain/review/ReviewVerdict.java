package dev.releasetrain.review;

import java.util.List;

/**
 * The review check's answer and why, explainable to the person it blocks.
 *
 * @param conclusion success or failure; null while the pull request is a draft (the check stays in progress)
 */
public record ReviewVerdict(String conclusion, String title, List<Row> rows, int counted, int required, List<String> missing) {
    /** One reviewer: their standing review, the commit it was on, and whether it counts. */
    public record Row(String login, String state, String commit, boolean counts, String why) {
    }
}
