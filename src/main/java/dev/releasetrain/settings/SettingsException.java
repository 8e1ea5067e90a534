package dev.releasetrain.settings;

/** A server setting that cannot be used; the message is one sentence naming it, shown at start-up. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
