package dev.releasetrain.delivery;

/** A delivery body that is not a well-formed JSON object. */
public final class MalformedPayloadException extends Exception {
    public MalformedPayloadException(String message) {
        super(message);
    }
}
