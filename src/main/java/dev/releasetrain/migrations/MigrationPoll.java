package dev.releasetrain.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.delivery.WebhookEvent;

/**
 * A follow-up the bot schedules for itself while the migration status API answers "pending" (or cannot be reached):
 * ask again about one pull request's head. It travels as a stored delivery's payload.
 *
 * @param attempt  how many times it was scheduled; part of its id, so a repeat of the same step schedules nothing new
 * @param failures how many asks in a row reached no answer
 */
public record MigrationPoll(long installation, String repository, long number, String headSha, long startedAt, int attempt, int failures,
                            long timeoutMillis, ObjectNode request) {
    /** The follow-up's event name; GitHub never sends it. */
    public static final String EVENT = "release_train.migration_poll";

    public static MigrationPoll read(WebhookEvent e) {
        JsonNode p = e.payload();
        return new MigrationPoll(p.path("installation").path("id").asLong(), p.path("repository").path("full_name").asText(),
                p.path("number").asLong(), p.path("head_sha").asText(), p.path("started_at").asLong(), p.path("attempt").asInt(),
                p.path("failures").asInt(), p.path("timeout_ms").asLong(), p.path("request") instanceof ObjectNode o ? o : FollowUps.JSON.createObjectNode());
    }

    public ObjectNode payload() {
        ObjectNode p = FollowUps.payload("poll", installation, repository);
        p.put("number", number).put("head_sha", headSha).put("started_at", startedAt).put("attempt", attempt).put("failures", failures)
                .put("timeout_ms", timeoutMillis);
        p.set("request", request);
        return p;
    }

    /** A deterministic id: should the delivery that schedules it run again, it schedules the same follow-up, not a second one. */
    public String id() {
        return "migration-poll:" + repository + "#" + number + "@" + headSha + ":" + attempt;
    }

    /** The next ask, scheduled after this one, with the failures in a row so far. */
    public MigrationPoll next(int failuresInARow) {
        return new MigrationPoll(installation, repository, number, headSha, startedAt, attempt + 1, failuresInARow, timeoutMillis, request);
    }
}
