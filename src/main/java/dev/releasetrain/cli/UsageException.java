package dev.releasetrain.cli;

/** The command line was not understood; the usage text follows the message. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
