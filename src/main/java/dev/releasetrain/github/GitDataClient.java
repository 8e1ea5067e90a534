package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /repos/{owner}/{repo}/git/…} and merges, for one repository. */
record GitDataClient(GitHubRest rest, String repo) implements GitData {
    private String base() {
        return "/repos/" + repo;
    }

    @Override
    public Optional<String> ref(String ref) throws IOException {
        int slash = ref.indexOf('/');
        return rest.getIfPresent(base() + "/git/ref/" + ref.substring(0, slash + 1) + PathSegments.segment(ref.substring(slash + 1)), "reading " + ref)
                .map(r -> r.path("object").path("sha").asText());
    }

    @Override
    public boolean createRef(String ref, String sha) throws IOException {
        GitHubRest.Reply r = rest.call("POST", base() + "/git/refs", Map.of("ref", ref, "sha", sha), Map.of());
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
        rest.expect("PATCH", base() + "/git/refs/heads/" + PathSegments.segment(branch), Map.of("sha", sha, "force", force));
    }

    @Override
    public void deleteBranch(String branch) throws IOException {
        rest.call("DELETE", base() + "/git/refs/heads/" + PathSegments.segment(branch), null, Map.of()); // gone already is as good
    }

    @Override
    public GitCommit commit(String sha) throws IOException {
        JsonNode c = rest.get(base() + "/git/commits/" + PathSegments.segment(sha));
        List<String> parents = new ArrayList<>();
        c.path("parents").forEach(p -> parents.add(p.path("sha").asText()));
        JsonNode author = c.path("author");
        return new GitCommit(c.path("sha").asText(sha), c.path("message").asText(), c.path("tree").path("sha").asText(), parents,
                author.hasNonNull("name") ? author.path("name").asText() : null, author.hasNonNull("email") ? author.path("email").asText() : null);
    }

    @Override
    public Optional<String> tree(String sha) {
        try {
            return Optional.of(commit(sha).tree()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String createCommit(String message, String tree, List<String> parents) throws IOException {
        return rest.expect("POST", base() + "/git/commits", Map.of("message", message, "tree", tree, "parents", parents)).path("sha").asText();
    }

    @Override
    public Merge merge(String baseBranch, String head, String message) throws IOException {
        GitHubRest.Reply r = rest.call("POST", base() + "/merges", Map.of("base", baseBranch, "head", head, "commit_message", message), Map.of());
        if (!r.ok() && r.status() != 409) {
            throw new GitHubApiException(r.status(), "merging " + head + " answered " + r.status() + ": " + r.body().path("message").asText(""));
        }
        return new Merge(r.status(), r.body().path("commit").path("tree").path("sha").asText(null));
    }

    @Override
    public Optional<File> file(String path, String commit) throws IOException {
        Optional<JsonNode> f = rest.getIfPresent(base() + "/contents/" + PathSegments.path(path) + "?ref=" + PathSegments.segment(commit),
                "reading " + path + " at " + commit);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        // over 1 MB it is known by its blob only, never read whole
        return Optional.of(new File(f.get().path("sha").asText(), RepoFiles.content(f.get(), path + " at " + commit)));
    }

    @Override
    public String commitChanges(String parent, List<TreeChange> changes, String message) throws IOException {
        String baseTree = commit(parent).tree();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (TreeChange c : changes) {
            Map<String, Object> e = new java.util.LinkedHashMap<>(Map.of("path", c.path(), "mode", "100644", "type", "blob"));
            if (c.text() != null) {
                e.put("content", c.text());
            } else {
                e.put("sha", c.blob()); // null removes the path
            }
            entries.add(e);
        }
        String tree = rest.expect("POST", base() + "/git/trees", Map.of("base_tree", baseTree, "tree", entries)).path("sha").asText();
        return createCommit(message, tree, List.of(parent));
    }

    @Override
    public String createTagObject(String tag, String sha, String message) throws IOException {
        return rest.expect("POST", base() + "/git/tags", Map.of("tag", tag, "message", message, "object", sha, "type", "commit"))
                .path("sha").asText();
    }

    @Override
    public String taggedCommit(String objectSha) throws IOException {
        // a lightweight tag's ref names the commit itself: there is no tag object to read
        return rest.getIfPresent(base() + "/git/tags/" + PathSegments.segment(objectSha), "reading tag object " + objectSha)
                .map(t -> t.path("object").path("sha").asText(objectSha)).orElse(objectSha);
    }

    @Override
    public List<String> tags() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rest.get(base() + "/git/matching-refs/tags")) {
            String ref = r.path("ref").asText();
            if (ref.startsWith("refs/tags/")) { // "tags" is a prefix: it would match refs/tagsX too
                out.add(ref.substring("refs/tags/".length()));
            }
        }
        return out;
    }
}
