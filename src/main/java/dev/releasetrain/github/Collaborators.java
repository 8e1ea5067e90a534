package dev.releasetrain.github;

import java.io.IOException;

/** People's rights on the repository, checked before anything that writes on their word. */
public interface Collaborators {
    /** Whether {@code login} has write, maintain or admin permission. */
    boolean canWrite(String login) throws IOException;

    /** Whether {@code login} is an active member of the team {@code org/team}. */
    boolean activeTeamMember(String org, String team, String login) throws IOException;
}
