package dev.releasetrain.delivery;

/** A verified delivery as the door hands it to the store. */
public record Delivery(String id, String event, PayloadSummary summary, byte[] payload, long receivedAt) {
    /** GitHub caps a webhook payload at 25 MB; nothing larger is read, parsed or stored. */
    public static final int MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
}
