package dev.releasetrain.delivery;

/** A delivery a worker has claimed: enough to run it and decide its retry, not its payload. */
public record QueuedDelivery(long seq, String id, String orderingKey, int attempts) {
}
