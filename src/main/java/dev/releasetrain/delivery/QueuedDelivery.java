package dev.releasetrain.delivery;

/** What the scheduler keeps in memory of an unfinished delivery: enough to order it, not its payload. */
public record QueuedDelivery(long seq, String id, String orderingKey, long nextAttemptAt, int attempts) {
}
