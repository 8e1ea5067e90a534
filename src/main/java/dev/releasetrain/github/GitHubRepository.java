package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.cherrypick.CherryPickGitHub;
import dev.releasetrain.migrations.MigrationsGitHub;
import dev.releasetrain.release.ReleaseGitHub;
import dev.releasetrain.review.Review;
import dev.releasetrain.review.ReviewGitHub;
import dev.releasetrain.size.SizeGitHub;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One repository through one installation: the single implementation of every capability's GitHub interface, and
 * the only place REST paths are written. Each capability sees only the subset its interface names.
 */
public final class GitHubRepository implements ReviewGitHub, SizeGitHub, MigrationsGitHub, CherryPickGitHub, ReleaseGitHub {
    private static final Set<String> WRITE = Set.of("admin", "maintain", "write");

    /** What outlives one delivery: caches of files and labels, and the store of the bot's comments. */
    public record Shared(RepoFiles files, PullRequestFiles pullRequestFiles, IssueLabels labels, StickyComments comments) {
    }

    private final GitHubRest rest;
    private final String repo;
    private final String base;
    private final Shared shared;

    public GitHubRepository(GitHubRest rest, String repository, Shared shared) {
        this.rest = rest;
        this.repo = repository;
        this.base = "/repos/" + repository;
        this.shared = shared;
    }

    @Override
    public String repository() {
        return repo;
    }

    // ---- pull requests

    @Override
    public JsonNode pullRequest(long number) throws IOException {
        return rest.get(base + "/pulls/" + number);
    }

    @Override
    public List<ChangedFile> changedFiles(JsonNode pullRequest) throws IOException {
        return shared.pullRequestFiles().list(rest, repo, pullRequest);
    }

    @Override
    public List<JsonNode> pullRequestsFrom(String branch) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        rest.get(base + "/pulls?state=all&head=" + PathSegments.segment(repo.split("/")[0] + ":" + branch)).forEach(out::add);
        return out;
    }

    @Override
    public JsonNode openPullRequest(String title, String head, String baseBranch, String body) throws IOException {
        return rest.expect("POST", base + "/pulls", Map.of("title", title, "head", head, "base", baseBranch, "body", body));
    }

    @Override
    public JsonNode pullRequestCommits(long number) throws IOException {
        return rest.get(base + "/pulls/" + number + "/commits?per_page=100");
    }

    @Override
    public List<Long> pullRequestsIn(String baseSha, String headSha) throws IOException {
        java.util.LinkedHashSet<Long> numbers = new java.util.LinkedHashSet<>();
        for (Commit c : compare(baseSha, headSha).commits()) {
            rest.get(base + "/commits/" + c.sha() + "/pulls").forEach(pr -> numbers.add(pr.path("number").asLong()));
        }
        return List.copyOf(numbers);
    }

    @Override
    public List<Review> reviews(long number) throws IOException {
        List<Review> out = new ArrayList<>();
        for (int page = 1; page <= 30; page++) {
            JsonNode list = rest.get(base + "/pulls/" + number + "/reviews?per_page=100&page=" + page);
            for (JsonNode r : list) {
                JsonNode user = r.path("user");
                out.add(new Review(user.path("login").asText(), Users.isBot(user), r.path("state").asText().toUpperCase(Locale.ROOT),
                        r.path("commit_id").asText()));
            }
            if (list.size() < 100) {
                break;
            }
        }
        return out;
    }

    // ---- files, people

    @Override
    public RepoFiles.FileText readFile(String path, String ref) throws IOException {
        return shared.files().read(rest, repo, path, ref);
    }

    @Override
    public List<String> listFiles(String directory, String ref) throws IOException {
        GitHubRest.Reply r = rest.call("GET", base + "/contents/" + directory + (ref == null ? "" : "?ref=" + PathSegments.segment(ref)), null, Map.of());
        if (r.status() == 404 || r.ok() && !r.body().isArray()) {
            return List.of(); // no such directory, or a file
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "listing " + directory + " of " + repo + " answered " + r.status());
        }
        List<String> names = new ArrayList<>();
        r.body().forEach(e -> {
            if ("file".equals(e.path("type").asText())) {
                names.add(e.path("name").asText());
            }
        });
        return names;
    }

    @Override
    public boolean canWrite(String login) throws IOException {
        GitHubRest.Reply r = rest.call("GET", base + "/collaborators/" + PathSegments.segment(login) + "/permission", null, Map.of());
        if (r.status() == 404) {
            return false; // not a collaborator
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading @" + login + "'s permission answered " + r.status());
        }
        JsonNode body = r.body();
        // role_name tells maintain and triage apart; the older permission field folds them into write and read
        return WRITE.contains(body.path("role_name").asText(body.path("permission").asText("none")));
    }

    @Override
    public boolean activeTeamMember(String org, String team, String login) throws IOException {
        GitHubRest.Reply r = rest.call("GET", "/orgs/" + PathSegments.segment(org) + "/teams/" + PathSegments.segment(team) + "/memberships/"
                + PathSegments.segment(login), null, Map.of());
        if (!r.ok() && r.status() != 404) {
            throw new GitHubApiException(r.status(), "reading the membership of team " + org + "/" + team + " answered " + r.status());
        }
        return r.ok() && "active".equals(r.body().path("state").asText());
    }

    // ---- comments, labels, reactions, issues

    @Override
    public void upsertComment(long issue, String marker, String body) throws IOException, SQLException {
        shared.comments().upsert(rest, repo, issue, marker, body);
    }

    @Override
    public void noCommentYet(long issue, String marker) throws SQLException {
        shared.comments().absent(repo, issue, marker);
    }

    @Override
    public void removeComment(long issue, String marker) throws IOException, SQLException {
        shared.comments().remove(rest, repo, issue, marker);
    }

    @Override
    public void ensureLabel(String name, String color, String description) throws IOException {
        shared.labels().ensureExists(rest, repo, name, color, description);
    }

    @Override
    public void addLabels(long issue, List<String> names) throws IOException {
        shared.labels().add(rest, repo, issue, names);
    }

    @Override
    public void removeLabel(long issue, String name) throws IOException {
        shared.labels().remove(rest, repo, issue, name);
    }

    @Override
    public void addAssignees(long issue, List<String> logins) throws IOException {
        rest.call("POST", base + "/issues/" + issue + "/assignees", Map.of("assignees", logins), Map.of());
    }

    @Override
    public void react(long commentId, String content) throws IOException {
        rest.expect("POST", base + "/issues/comments/" + commentId + "/reactions", Map.of("content", content));
    }

    @Override
    public List<JsonNode> issuesLabelled(String label, int page) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        rest.get(base + "/issues?state=all&per_page=100&page=" + page + "&labels=" + PathSegments.segment(label)).forEach(out::add);
        return out;
    }

    @Override
    public JsonNode issue(long number) throws IOException {
        return rest.get(base + "/issues/" + number);
    }

    @Override
    public long createIssue(String title, String body, List<String> labels, List<String> assignees) throws IOException {
        return rest.expect("POST", base + "/issues", Map.of("title", title, "body", body, "labels", labels, "assignees", assignees))
                .path("number").asLong();
    }

    @Override
    public void updateIssue(long number, Map<String, Object> fields) throws IOException {
        rest.expect("PATCH", base + "/issues/" + number, fields);
    }

    // ---- checks

    @Override
    public Optional<Long> findCheckRun(String headSha, String name) throws IOException {
        GitHubRest.Reply reply = rest.call("GET", base + "/commits/" + headSha + "/check-runs?check_name=" + PathSegments.segment(name)
                + "&filter=latest", null, Map.of());
        for (JsonNode r : reply.body().path("check_runs")) {
            if (r.path("name").asText().equals(name)) {
                return Optional.of(r.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    @Override
    public long createCheckRun(ObjectNode body) throws IOException {
        return rest.expect("POST", base + "/check-runs", body).path("id").asLong();
    }

    @Override
    public void updateCheckRun(long id, ObjectNode body) throws IOException {
        rest.expect("PATCH", base + "/check-runs/" + id, body);
    }

    @Override
    public List<JsonNode> checkRuns(String sha) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        rest.get(base + "/commits/" + sha + "/check-runs?per_page=100").path("check_runs").forEach(out::add);
        return out;
    }

    // ---- git data

    @Override
    public Optional<String> ref(String ref) throws IOException {
        int slash = ref.indexOf('/');
        GitHubRest.Reply r = rest.call("GET", base + "/git/ref/" + ref.substring(0, slash + 1) + PathSegments.segment(ref.substring(slash + 1)),
                null, Map.of());
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading " + ref + " answered " + r.status());
        }
        return Optional.of(r.body().path("object").path("sha").asText());
    }

    @Override
    public boolean createRef(String ref, String sha) throws IOException {
        GitHubRest.Reply r = rest.call("POST", base + "/git/refs", Map.of("ref", ref, "sha", sha), Map.of());
        if (r.status() == 422 && ref(ref.substring("refs/".length())).isPresent()) {
            return false;
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "creating " + ref + " answered " + r.status() + ": " + r.body().path("message").asText(""));
        }
        return true;
    }

    @Override
    public void updateBranch(String branch, String sha, boolean force) throws IOException {
        rest.expect("PATCH", base + "/git/refs/heads/" + PathSegments.segment(branch), Map.of("sha", sha, "force", force));
    }

    @Override
    public void deleteBranch(String branch) throws IOException {
        rest.call("DELETE", base + "/git/refs/heads/" + PathSegments.segment(branch), null, Map.of()); // gone already is as good
    }

    @Override
    public JsonNode commit(String sha) throws IOException {
        return rest.get(base + "/git/commits/" + sha);
    }

    @Override
    public Optional<String> tree(String sha) {
        try {
            return Optional.ofNullable(commit(sha).path("tree").path("sha").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String createCommit(String message, String tree, List<String> parents) throws IOException {
        return rest.expect("POST", base + "/git/commits", Map.of("message", message, "tree", tree, "parents", parents)).path("sha").asText();
    }

    @Override
    public Merge merge(String baseBranch, String head, String message) throws IOException {
        GitHubRest.Reply r = rest.call("POST", base + "/merges", Map.of("base", baseBranch, "head", head, "commit_message", message), Map.of());
        if (!r.ok() && r.status() != 409) {
            throw new GitHubApiException(r.status(), "merging " + head + " answered " + r.status() + ": " + r.body().path("message").asText(""));
        }
        return new Merge(r.status(), r.body().path("commit").path("tree").path("sha").asText(null));
    }

    @Override
    public String commitFiles(String parent, Map<String, String> files, String message) throws IOException {
        String baseTree = commit(parent).path("tree").path("sha").asText();
        List<Map<String, String>> entries = new ArrayList<>();
        files.forEach((path, text) -> entries.add(Map.of("path", path, "mode", "100644", "type", "blob", "content", text)));
        String tree = rest.expect("POST", base + "/git/trees", Map.of("base_tree", baseTree, "tree", entries)).path("sha").asText();
        return createCommit(message, tree, List.of(parent));
    }

    @Override
    public String createTagObject(String tag, String sha, String message) throws IOException {
        return rest.expect("POST", base + "/git/tags", Map.of("tag", tag, "message", message, "object", sha, "type", "commit"))
                .path("sha").asText();
    }

    @Override
    public String taggedCommit(String objectSha) throws IOException {
        GitHubRest.Reply r = rest.call("GET", base + "/git/tags/" + objectSha, null, Map.of());
        if (r.status() == 404) {
            return objectSha;
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading tag object " + objectSha + " answered " + r.status());
        }
        return r.body().path("object").path("sha").asText(objectSha);
    }

    @Override
    public List<String> tags() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rest.get(base + "/git/matching-refs/tags")) {
            String ref = r.path("ref").asText();
            if (ref.startsWith("refs/tags/")) { // "tags" is a prefix: it would match refs/tagsX too
                out.add(ref.substring("refs/tags/".length()));
            }
        }
        return out;
    }

    // ---- the repository, comparisons, releases

    @Override
    public String defaultBranch() throws IOException {
        return rest.get(base).path("default_branch").asText();
    }

    @Override
    public Comparison compare(String from, String to) throws IOException {
        JsonNode c = rest.get(base + "/compare/" + PathSegments.segment(from) + "..." + PathSegments.segment(to) + "?per_page=250");
        List<Commit> commits = new ArrayList<>();
        for (JsonNode n : c.path("commits")) {
            JsonNode commit = n.path("commit");
            commits.add(new Commit(n.path("sha").asText(), commit.path("message").asText().lines().findFirst().orElse(""),
                    n.path("author").path("login").asText(""), commit.path("author").path("name").asText("")));
        }
        List<String> files = new ArrayList<>();
        c.path("files").forEach(f -> files.add(f.path("filename").asText()));
        return new Comparison(commits, c.path("total_commits").asInt(commits.size()), files);
    }

    @Override
    public List<String> commitsTouching(String branch, String path) throws IOException {
        List<String> out = new ArrayList<>();
        rest.get(base + "/commits?sha=" + PathSegments.segment(branch) + "&path=" + PathSegments.segment(path) + "&per_page=100")
                .forEach(c -> out.add(c.path("sha").asText()));
        return out;
    }

    @Override
    public Optional<JsonNode> releaseByTag(String tag) throws IOException {
        GitHubRest.Reply r = rest.call("GET", base + "/releases/tags/" + PathSegments.segment(tag), null, Map.of());
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading the release " + tag + " answered " + r.status());
        }
        return Optional.of(r.body());
    }

    @Override
    public JsonNode createRelease(String tag, String name, String body) throws IOException {
        return rest.expect("POST", base + "/releases", Map.of("tag_name", tag, "name", name, "body", body, "draft", false, "prerelease", false));
    }
}
