package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;

import java.io.IOException;
import java.io.StringReader;

/**
 * GitHub's JSON read into hub4j's typed model with an offline {@link GitHub}: no getter can call GitHub (hub4j's
 * lazy {@code populate()} does nothing offline), so every call still goes through our transport, counted and paced.
 * One hub4j getter does call even offline, {@code GHPullRequestReview.getUser()}; it is not used.
 */
public final class OfflineModel {
    private static final GitHub OFFLINE = GitHub.offline();
    private static final ObjectReader READER = GitHub.getMappingObjectReader();

    private OfflineModel() {
    }

    /** A webhook payload as its hub4j event type (its repository, sender and installation bound as hub4j binds them). */
    public static <T extends GHEventPayload> T event(JsonNode payload, Class<T> type) throws IOException {
        return OFFLINE.parseEventPayload(new StringReader(payload.toString()), type);
    }

    /** A REST answer (a pull request, an issue, a check run, a release) as its hub4j type. */
    public static <T> T read(JsonNode json, Class<T> type) throws IOException {
        return READER.forType(type).readValue(json);
    }
}
