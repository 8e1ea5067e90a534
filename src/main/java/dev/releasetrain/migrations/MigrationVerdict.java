package dev.releasetrain.migrations;

import java.util.List;

/** The migration status API's answer, which the built-in checker gives in the same shape. */
public record MigrationVerdict(String state, String summary, String detailsUrl, List<Finding> findings) {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String PENDING = "pending";
    public static final String ERROR = "error";
}
