package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.Paths;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The git and release facts a release step reads, and the writes it makes, for one repository. */
public final class ReleaseGitHub {
    /** A commit as the changes list shows it; {@code login} is empty when git's author is no GitHub user. */
    public record Commit(String sha, String subject, String login, String name) {
    }

    /** Commits from base to head (oldest first, at most GitHub's 250) and the paths changed. */
    public record Comparison(List<Commit> commits, int total, List<String> files) {
    }

    private final GitHubRest rest;
    private final String repo;

    public ReleaseGitHub(GitHubRest rest, String repo) {
        this.rest = rest;
        this.repo = repo;
    }

    public GitHubRest rest() {
        return rest;
    }

    public String repository() {
        return repo;
    }

    /** The commit a branch or tag ref points at (for an annotated tag: the tag object); empty when there is no such ref. */
    public Optional<String> ref(String ref) throws IOException {
        GitHubRest.Reply r = rest.call("GET", "/repos/" + repo + "/git/ref/" + refPath(ref), null, Map.of());
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading " + ref + " answered " + r.status());
        }
        return Optional.of(r.body().path("object").path("sha").asText());
    }

    /** Creates the ref; false when it exists already (someone, or an earlier attempt, made it). */
    public boolean createRef(String ref, String sha) throws IOException {
        GitHubRest.Reply r = rest.call("POST", "/repos/" + repo + "/git/refs", Map.of("ref", ref, "sha", sha), Map.of());
        if (r.status() == 422 && ref(ref.substring("refs/".length())).isPresent()) {
            return false;
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "creating " + ref + " answered " + r.status() + ": " + r.body().path("message").asText(""));
        }
        return true;
    }

    /** Moves a branch forward to {@code sha}; GitHub refuses anything but a fast-forward. */
    public void advance(String branch, String sha) throws IOException {
        rest.expect("PATCH", "/repos/" + repo + "/git/refs/heads/" + Paths.segment(branch), Map.of("sha", sha, "force", false));
    }

    public String defaultBranch() throws IOException {
        return rest.get("/repos/" + repo).path("default_branch").asText();
    }

    /** The names of every tag. */
    public List<String> tags() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rest.get("/repos/" + repo + "/git/matching-refs/tags")) {
            String ref = r.path("ref").asText();
            if (ref.startsWith("refs/tags/")) { // "tags" is a prefix: it would match refs/tagsX too
                out.add(ref.substring("refs/tags/".length()));
            }
        }
        return out;
    }

    public Comparison compare(String base, String head) throws IOException {
        JsonNode c = rest.get("/repos/" + repo + "/compare/" + Paths.segment(base) + "..." + Paths.segment(head) + "?per_page=250");
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

    public JsonNode commit(String sha) throws IOException {
        return rest.get("/repos/" + repo + "/git/commits/" + sha);
    }

    /** A commit on top of {@code parent} whose tree is the parent's with these files' texts. */
    public String commitFiles(String parent, Map<String, String> files, String message) throws IOException {
        String baseTree = commit(parent).path("tree").path("sha").asText();
        List<Map<String, String>> entries = new ArrayList<>();
        files.forEach((path, text) -> entries.add(Map.of("path", path, "mode", "100644", "type", "blob", "content", text)));
        String tree = rest.expect("POST", "/repos/" + repo + "/git/trees", Map.of("base_tree", baseTree, "tree", entries)).path("sha").asText();
        return rest.expect("POST", "/repos/" + repo + "/git/commits", Map.of("message", message, "tree", tree, "parents", List.of(parent)))
                .path("sha").asText();
    }

    /** An annotated tag object; the ref is made separately (GitHub's two steps). */
    public String createTagObject(String tag, String sha, String message) throws IOException {
        return rest.expect("POST", "/repos/" + repo + "/git/tags", Map.of("tag", tag, "message", message, "object", sha, "type", "commit"))
                .path("sha").asText();
    }

    /** The commit a tag ref's object stands for: an annotated tag's target, or the commit a lightweight tag names. */
    public String taggedCommit(String objectSha) throws IOException {
        GitHubRest.Reply r = rest.call("GET", "/repos/" + repo + "/git/tags/" + objectSha, null, Map.of());
        if (r.status() == 404) {
            return objectSha;
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading tag object " + objectSha + " answered " + r.status());
        }
        return r.body().path("object").path("sha").asText(objectSha);
    }

    public Optional<JsonNode> releaseByTag(String tag) throws IOException {
        GitHubRest.Reply r = rest.call("GET", "/repos/" + repo + "/releases/tags/" + Paths.segment(tag), null, Map.of());
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading the release " + tag + " answered " + r.status());
        }
        return Optional.of(r.body());
    }

    public JsonNode createRelease(String tag, String name, String body) throws IOException {
        return rest.expect("POST", "/repos/" + repo + "/releases", Map.of("tag_name", tag, "name", name, "body", body,
                "draft", false, "prerelease", false));
    }

    /** Pull requests (open or closed) from this repository's {@code branch}. */
    public List<JsonNode> pullsFrom(String branch) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        rest.get("/repos/" + repo + "/pulls?state=all&head=" + Paths.segment(repo.split("/")[0] + ":" + branch)).forEach(out::add);
        return out;
    }

    /** Check runs on a commit, as GitHub lists them (one page of 100: a release head has a handful). */
    public List<JsonNode> checkRuns(String sha) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        rest.get("/repos/" + repo + "/commits/" + sha + "/check-runs?per_page=100").path("check_runs").forEach(out::add);
        return out;
    }

    private static String refPath(String ref) {
        int slash = ref.indexOf('/');
        return ref.substring(0, slash + 1) + Paths.segment(ref.substring(slash + 1));
    }
}
