package dev.releasetrain.github;

import java.io.IOException;

/** GitHub answered a raw REST call with an error status; the message is GitHub's own. */
public final class GitHubApiException extends IOException {
    private final int status;

    public GitHubApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
