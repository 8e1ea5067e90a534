package dev.releasetrain.migrations;

/** One thing a migration check says about a file, as the status API answers it and as a check annotation shows it. */
public record Finding(String path, int line, String severity, String message) {
    public static final String FAILURE = "failure";
    public static final String WARNING = "warning";
    public static final String NOTICE = "notice";
}
