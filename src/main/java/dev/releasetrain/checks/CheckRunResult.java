package dev.releasetrain.checks;

/**
 * What a check says about one commit.
 *
 * @param conclusion success, failure, neutral, … ; null while {@code status} is in_progress
 */
public record CheckRunResult(String name, String headSha, String status, String conclusion, String title, String summary) {
    /** GitHub's limit on a check run's summary. */
    static final int MAX_SUMMARY = 65_535;

    public static CheckRunResult completed(String name, String headSha, String conclusion, String title, String summary) {
        return new CheckRunResult(name, headSha, "completed", conclusion, title, summary);
    }

    public static CheckRunResult inProgress(String name, String headSha, String title, String summary) {
        return new CheckRunResult(name, headSha, "in_progress", null, title, summary);
    }
}
