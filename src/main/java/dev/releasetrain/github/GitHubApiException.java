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

    private static final java.util.regex.Pattern WORKFLOW = java.util.regex.Pattern.compile(
            "refusing to allow a GitHub App to create or update workflow `([^`]+)` without `workflows` permission");

    /** The workflow file GitHub would not let the app change (it does not ask for the workflows permission), if that is why. */
    public java.util.Optional<String> refusedWorkflow() {
        java.util.regex.Matcher m = WORKFLOW.matcher(String.valueOf(getMessage()));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }
}
