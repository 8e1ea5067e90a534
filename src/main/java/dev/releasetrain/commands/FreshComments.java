package dev.releasetrain.commands;

import org.kohsuke.github.GHIssueComment;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Commands are run from comments made lately: GitHub delivers (and redelivers) a comment within three days of it,
 * so an older one arriving is a captured payload posted again, and its commands are not run.
 */
public final class FreshComments {
    /** GitHub keeps and redelivers deliveries of the last three days. */
    public static final Duration MAX_AGE = Duration.ofDays(3);

    private FreshComments() {
    }

    public static boolean fresh(GHIssueComment comment, Clock clock) throws IOException {
        Date created = comment.getCreatedAt();
        return created != null && !created.toInstant().isBefore(clock.instant().minus(MAX_AGE));
    }
}
