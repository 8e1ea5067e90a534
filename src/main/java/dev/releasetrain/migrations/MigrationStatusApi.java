package dev.releasetrain.migrations;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The migration status API: one POST with the pull request's migrations, answered with a verdict, "pending" (ask
 * again after Retry-After), or nothing usable.
 */
@FunctionalInterface
public interface MigrationStatusApi {
    /** What one ask came to. */
    sealed interface Answer {
    }

    record Decided(MigrationVerdict verdict) implements Answer {
    }

    record Pending(long retryAfterSeconds, String summary) implements Answer {
    }

    record Unreachable(String why) implements Answer {
    }

    Answer ask(ObjectNode request);
}
