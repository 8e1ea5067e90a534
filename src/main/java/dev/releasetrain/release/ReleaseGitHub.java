package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.Collaborators;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The git and release facts a release step reads, and the writes it makes, for one repository. */
public interface ReleaseGitHub extends GitData, PullRequests, Contents, Comments, Labels, Collaborators {
    /** A commit as the changes list shows it; {@code login} is empty when git's author is no GitHub user. */
    record Commit(String sha, String subject, String login, String name) {
    }

    /** Commits from base to head (oldest first, at most GitHub's 250) and the paths changed. */
    record Comparison(List<Commit> commits, int total, List<String> files) {
    }

    String repository();

    String defaultBranch() throws IOException;

    /** The names of every tag. */
    List<String> tags() throws IOException;

    Comparison compare(String base, String head) throws IOException;

    /** The commits reachable from {@code branch} that change {@code path}, newest first (the first 100). */
    List<String> commitsTouching(String branch, String path) throws IOException;

    /** A commit on top of {@code parent} whose tree is the parent's with these files' texts. */
    String commitFiles(String parent, Map<String, String> files, String message) throws IOException;

    /** An annotated tag object; the ref is made separately (GitHub's two steps). */
    String createTagObject(String tag, String sha, String message) throws IOException;

    /** The commit a tag ref's object stands for: an annotated tag's target, or the commit a lightweight tag names. */
    String taggedCommit(String objectSha) throws IOException;

    Optional<JsonNode> releaseByTag(String tag) throws IOException;

    JsonNode createRelease(String tag, String name, String body) throws IOException;

    /** Check runs on a commit, as GitHub lists them (one page of 100: a release head has a handful). */
    List<JsonNode> checkRuns(String sha) throws IOException;

    /** One page (of 100, from 1) of the issues and pull requests with the label, in any state, newest first. */
    List<JsonNode> issuesLabelled(String label, int page) throws IOException;

    JsonNode issue(long number) throws IOException;

    /** @return the new issue's number */
    long createIssue(String title, String body, List<String> labels, List<String> assignees) throws IOException;

    /** Sets these fields of the issue (body, assignees, state, …). */
    void updateIssue(long number, Map<String, Object> fields) throws IOException;

    /** A reaction on an issue comment; GitHub answers a repeat with the one already there. */
    void react(long commentId, String content) throws IOException;

    /** Whether {@code login} is an active member of the team {@code org/team}. */
    boolean activeTeamMember(String org, String team, String login) throws IOException;
}
