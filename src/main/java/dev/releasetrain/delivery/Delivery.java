package dev.releasetrain.delivery;

/** A verified delivery as the door hands it to the store. */
public record Delivery(String id, String event, PayloadSummary summary, byte[] payload, long receivedAt) {
}
