package dev.releasetrain.delivery;

/** A delivery row as the command line and the workers read it. */
public record StoredDelivery(long seq, String id, String event, String action, Long installationId, String repository,
                             long receivedAt, DeliveryState state, int attempts, long nextAttemptAt, String lastError,
                             Long durationMs) {
}
