package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.kohsuke.github.GHIssue;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /repos/{owner}/{repo}/issues…} for one repository: issues, their labels, the bot's comments, reactions. */
record IssuesClient(GitHubRest rest, String repo, IssueLabels labels, StickyComments comments) implements Issues, Labels, Comments {
    private String base() {
        return "/repos/" + repo + "/issues";
    }

    @Override
    public GHIssue issue(long number) throws IOException {
        return OfflineModel.read(rest.get(base() + "/" + number), GHIssue.class);
    }

    @Override
    public List<GHIssue> issuesLabelled(String label, int page) throws IOException {
        List<GHIssue> out = new ArrayList<>();
        for (JsonNode i : rest.get(base() + "?state=all&per_page=100&page=" + page + "&labels=" + PathSegments.segment(label))) {
            out.add(OfflineModel.read(i, GHIssue.class));
        }
        return out;
    }

    @Override
    public long createIssue(String title, String body, List<String> labels, List<String> assignees) throws IOException {
        return rest.expect("POST", base(), Map.of("title", title, "body", body, "labels", labels, "assignees", assignees)).path("number").asLong();
    }

    @Override
    public void updateIssue(long number, Map<String, Object> fields) throws IOException {
        rest.expect("PATCH", base() + "/" + number, fields);
    }

    @Override
    public void addAssignees(long issue, List<String> logins) throws IOException {
        rest.call("POST", base() + "/" + issue + "/assignees", Map.of("assignees", logins), Map.of());
    }

    @Override
    public void react(long commentId, String content) throws IOException {
        rest.expect("POST", base() + "/comments/" + commentId + "/reactions", Map.of("content", content));
    }

    @Override
    public void ensureLabel(String name, String color, String description) throws IOException {
        labels.ensureExists(rest, repo, name, color, description);
    }

    @Override
    public void addLabels(long issue, List<String> names) throws IOException {
        labels.add(rest, repo, issue, names);
    }

    @Override
    public void removeLabel(long issue, String name) throws IOException {
        labels.remove(rest, repo, issue, name);
    }

    @Override
    public void upsertComment(long issue, String marker, String body) throws IOException, SQLException {
        comments.upsert(rest, repo, issue, marker, body);
    }

    @Override
    public void noCommentYet(long issue, String marker) throws SQLException {
        comments.absent(repo, issue, marker);
    }

    @Override
    public void removeComment(long issue, String marker) throws IOException, SQLException {
        comments.remove(rest, repo, issue, marker);
    }
}
