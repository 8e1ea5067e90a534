package dev.releasetrain.github;

import org.kohsuke.github.GHIssue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Issues (a pull request is one too): read, opened, edited, assigned, reacted to. */
public interface Issues {
    GHIssue issue(long number) throws IOException;

    /** One page (of 100, from 1) of the issues and pull requests with the label, in any state, newest first. */
    List<GHIssue> issuesLabelled(String label, int page) throws IOException;

    /** @return the new issue's number */
    long createIssue(String title, String body, List<String> labels, List<String> assignees) throws IOException;

    /** Sets these fields of the issue (body, assignees, state, …). */
    void updateIssue(long number, Map<String, Object> fields) throws IOException;

    /** Assigns people to an issue or pull request; a refusal (say, a login without access) is not worth failing for. */
    void addAssignees(long issue, List<String> logins) throws IOException;

    /** A reaction on an issue comment; GitHub answers a repeat with the one already there. */
    void react(long commentId, String content) throws IOException;
}
