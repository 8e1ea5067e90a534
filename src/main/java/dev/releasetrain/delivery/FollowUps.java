package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Work the bot schedules for itself (a poll of the migration status API, the release calendar's days), stored as a
 * delivery due at a time: it survives restarts and runs once. Ids are deterministic, so scheduling the same
 * follow-up again (a retried delivery does) stores nothing new.
 */
public interface FollowUps {
    ObjectMapper JSON = new ObjectMapper();

    /**
     * @param payload     what the handler of {@code event} will read; it must name the installation and repository
     * @param delayMillis from now: the store keeps the workers' wall-clock time, a feature its own clock's
     */
    void schedule(String id, String event, ObjectNode payload, long delayMillis) throws Exception;

    /** A follow-up's payload about {@code repository} through {@code installation}, to fill in. */
    static ObjectNode payload(String action, long installation, String repository) {
        ObjectNode p = JSON.createObjectNode().put("action", action);
        p.putObject("installation").put("id", installation);
        p.putObject("repository").put("full_name", repository);
        return p;
    }
}
