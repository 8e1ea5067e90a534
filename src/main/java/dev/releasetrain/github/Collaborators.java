package dev.releasetrain.github;

import java.io.IOException;

/** People's rights on the repository, checked before anything that writes on their word. */
public interface Collaborators {
    /** Whether {@code login} has write, maintain or admin permission. */
    boolean canWrite(String login) throws IOException;
}
