package dev.releasetrain.github;

import java.io.IOException;

/**
 * GitHub could not be reached or kept failing (connection errors, 5xx) after the gateway's own retries; the
 * delivery's retry takes over.
 */
public final class GitHubUnavailableException extends IOException {
    public GitHubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
