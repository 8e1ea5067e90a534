package dev.releasetrain.checks;

/**
 * What a check says about one commit.
 *
 * @param conclusion success, failure, neutral, … ; null while {@code status} is in_progress
 */
public record CheckRunResult(String name, String headSha, String status, String conclusion, String title, String summary,
                             java.util.List<Annotation> annotations, String detailsUrl) {
    /** A note on a line of a file, shown in the pull request's diff; level is failure, warning or notice. */
    public record Annotation(String path, int line, String level, String message) {
    }

    public CheckRunResult(String name, String headSha, String status, String conclusion, String title, String summary) {
        this(name, headSha, status, conclusion, title, summary, java.util.List.of(), null);
    }

    public CheckRunResult withAnnotations(java.util.List<Annotation> notes, String details) {
        return new CheckRunResult(name, headSha, status, conclusion, title, summary, notes, details);
    }

    /** GitHub's limit on a check run's summary. */
    static final int MAX_SUMMARY = 65_535;

    public static CheckRunResult completed(String name, String headSha, String conclusion, String title, String summary) {
        return new CheckRunResult(name, headSha, "completed", conclusion, title, summary);
    }

    /** A check that cannot run because the repository's config file cannot be used: it fails and quotes why. */
    public static CheckRunResult brokenConfig(String name, String headSha, dev.releasetrain.config.ConfigException problem) {
        return completed(name, headSha, "failure", "The Release Train config cannot be used", problem.getMessage()
                + "\n\nFix `.github/release-train.yml` on the default branch; the checks run again on the next push.");
    }

    public static CheckRunResult inProgress(String name, String headSha, String title, String summary) {
        return new CheckRunResult(name, headSha, "in_progress", null, title, summary);
    }
}
