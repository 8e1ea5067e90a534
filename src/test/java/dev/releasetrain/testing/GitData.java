package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's git-data endpoints (refs, commits, merges) answered from a real repository with the git command line,
 * so a merge the bot asks for is git's own three-way merge.
 */
public final class GitData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path gitDir;

    public GitData(Path gitDir) {
        this.gitDir = gitDir;
    }

    /** Runs git in the repository; the result's first element is the exit code as text, then stdout. */
    public String[] git(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
            pb.environment().putAll(Map.of("GIT_AUTHOR_NAME", "GitHub", "GIT_AUTHOR_EMAIL", "noreply@github.com",
                    "GIT_COMMITTER_NAME", "GitHub", "GIT_COMMITTER_EMAIL", "noreply@github.com"));
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.getErrorStream().readAllBytes();
            return new String[] {Integer.toString(p.waitFor()), out.strip()};
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String ok(String... args) {
        String[] r = git(Map.of(), args);
        if (!r[0].equals("0")) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed");
        }
        return r[1];
    }

    /** What GET /repos/{o}/{r}/commits?sha=REF&path=PATH lists: the commits reachable from ref that change path, newest first. */
    public ArrayNode commitsTouching(String ref, String path) {
        ArrayNode list = JSON.createArrayNode();
        String sha = resolve(ref.startsWith("refs/") ? ref : "refs/heads/" + ref);
        if (sha == null) {
            return list;
        }
        String log = ok("log", "--format=%H", sha, "--", path);
        for (String c : log.isEmpty() ? List.<String>of() : log.lines().toList()) {
            list.addObject().put("sha", c).putObject("commit").put("message", commitJson(c).path("message").asText());
        }
        return list;
    }

    public String resolve(String ref) {
        String[] r = git(Map.of(), "rev-parse", "--verify", "-q", ref + "^{commit}");
        return r[0].equals("0") ? r[1] : null;
    }

    /**
     * GitHub's answer when a write would change a workflow file and the app lacks the workflows permission (Release
     * Train does not ask for it); null when the change from {@code from} to {@code to} leaves workflows alone.
     */
    private Answer workflowRefusal(String from, String to) {
        String changed = ok("diff", "--name-only", from, to);
        return changed.lines().filter(f -> f.startsWith(".github/workflows/")).findFirst()
                .map(f -> new Answer(403, JSON.createObjectNode().put("message",
                        "refusing to allow a GitHub App to create or update workflow `" + f + "` without `workflows` permission")))
                .orElse(null);
    }

    /** null when the route is not a git-data one. */
    public Answer handle(String method, String repo, String path, JsonNode body) {
        String prefix = "/repos/" + repo + "/git/";
        // GET git/ref/{ref}; GET (older form), PATCH and DELETE git/refs/{ref}
        String refPath = path.startsWith(prefix + "ref/") && method.equals("GET") ? path.substring((prefix + "ref/").length())
                : path.startsWith(prefix + "refs/") && !method.equals("POST") ? path.substring((prefix + "refs/").length()) : null;
        if (refPath != null) {
            String ref = "refs/" + java.net.URLDecoder.decode(refPath, StandardCharsets.UTF_8);
            String sha = resolve(ref);
            switch (method) {
                case "GET" -> {
                    // a ref names its object as stored: an annotated tag's ref points at the tag object, not the commit
                    String[] object = git(Map.of(), "rev-parse", "--verify", "-q", ref);
                    return sha == null ? Answer.notFound() : new Answer(200, refJson(ref, object[1]));
                }
                case "PATCH" -> {
                    String to = body.path("sha").asText();
                    if (sha == null) {
                        return new Answer(422, JSON.createObjectNode().put("message", "Reference does not exist"));
                    }
                    boolean forward = git(Map.of(), "merge-base", "--is-ancestor", sha, to)[0].equals("0");
                    if (!forward && !body.path("force").asBoolean(false)) {
                        return new Answer(422, JSON.createObjectNode().put("message", "Update is not a fast forward"));
                    }
                    Answer refused = workflowRefusal(sha, to);
                    if (refused != null) {
                        return refused;
                    }
                    ok("update-ref", ref, to);
                    return new Answer(200, refJson(ref, to));
                }
                case "DELETE" -> {
                    if (sha == null) {
                        return new Answer(422, JSON.createObjectNode().put("message", "Reference does not exist"));
                    }
                    ok("update-ref", "-d", ref);
                    return new Answer(204, null);
                }
                default -> {
                    return null;
                }
            }
        }
        if (path.equals(prefix + "refs") && method.equals("POST")) {
            String ref = body.path("ref").asText();
            if (resolve(ref) != null) {
                return new Answer(422, JSON.createObjectNode().put("message", "Reference already exists"));
            }
            ok("update-ref", ref, body.path("sha").asText());
            return new Answer(201, refJson(ref, body.path("sha").asText()));
        }
        if (path.startsWith(prefix + "matching-refs/") && method.equals("GET")) {
            String like = "refs/" + java.net.URLDecoder.decode(path.substring((prefix + "matching-refs/").length()), StandardCharsets.UTF_8);
            var list = JSON.createArrayNode();
            for (String line : ok("for-each-ref", "--format=%(refname) %(objectname)").lines().toList()) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[0].startsWith(like)) {
                    list.add(refJson(parts[0], parts[1]));
                }
            }
            return new Answer(200, list);
        }
        if (path.startsWith("/repos/" + repo + "/compare/") && method.equals("GET")) {
            String[] range = java.net.URLDecoder.decode(path.substring(("/repos/" + repo + "/compare/").length()), StandardCharsets.UTF_8).split("\\.\\.\\.");
            String base = resolve(range[0]);
            String head = resolve(range[1]);
            if (base == null || head == null) {
                return Answer.notFound();
            }
            ObjectNode c = JSON.createObjectNode();
            var commits = c.putArray("commits");
            String log = ok("log", "--reverse", "--format=%H", base + ".." + head);
            for (String sha : log.isEmpty() ? List.<String>of() : log.lines().toList()) {
                ObjectNode commit = commitJson(sha);
                ObjectNode item = commits.addObject().put("sha", sha);
                item.putObject("commit").put("message", commit.path("message").asText()).set("author", commit.path("author").deepCopy());
                // GitHub names the account the author's email belongs to; here the part before the @ is the login
                String email = commit.path("author").path("email").asText();
                item.putObject("author").put("login", email.substring(0, email.indexOf('@')));
            }
            c.put("total_commits", commits.size()).put("ahead_by", commits.size()).put("status", commits.isEmpty() ? "identical" : "ahead");
            var files = c.putArray("files");
            String diff = ok("diff", "--name-only", base + "..." + head);
            for (String f : diff.isEmpty() ? List.<String>of() : diff.lines().toList()) {
                files.addObject().put("filename", f).put("status", "modified");
            }
            return new Answer(200, c);
        }
        if (path.equals(prefix + "trees") && method.equals("POST")) {
            // a tree is the base tree with the entries' files written over it, through a scratch index
            Path index;
            try {
                index = java.nio.file.Files.createTempFile("fake-index", "");
                java.nio.file.Files.delete(index);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
            if (!body.path("base_tree").asText().isEmpty()) {
                git(env, "read-tree", body.path("base_tree").asText());
            }
            for (JsonNode entry : body.path("tree")) {
                if (entry.has("sha") && entry.get("sha").isNull()) { // GitHub's way to remove a path from the base tree
                    git(env, "update-index", "--force-remove", entry.path("path").asText());
                    continue;
                }
                String blob = entry.has("content") ? hashObject(entry.path("content").asText()) : entry.path("sha").asText();
                git(env, "update-index", "--add", "--cacheinfo", entry.path("mode").asText("100644") + "," + blob + "," + entry.path("path").asText());
            }
            String tree = git(env, "write-tree")[1];
            index.toFile().delete();
            return new Answer(201, JSON.createObjectNode().put("sha", tree));
        }
        if (path.equals(prefix + "tags") && method.equals("POST")) {
            String text = "object " + body.path("object").asText() + "\ntype " + body.path("type").asText("commit") + "\ntag "
                    + body.path("tag").asText() + "\ntagger GitHub <noreply@github.com> " + (System.currentTimeMillis() / 1000) + " +0000\n\n"
                    + body.path("message").asText() + "\n";
            String sha = hashObject(text, "tag");
            return new Answer(201, tagJson(sha));
        }
        if (path.startsWith(prefix + "tags/") && method.equals("GET")) {
            String sha = path.substring((prefix + "tags/").length());
            return git(Map.of(), "cat-file", "-t", sha)[1].equals("tag") ? new Answer(200, tagJson(sha)) : Answer.notFound();
        }
        if (path.startsWith(prefix + "commits/") && method.equals("GET")) {
            String sha = path.substring((prefix + "commits/").length());
            return resolve(sha) == null ? Answer.notFound() : new Answer(200, commitJson(sha));
        }
        if (path.equals(prefix + "commits") && method.equals("POST")) {
            List<String> args = new ArrayList<>(List.of("commit-tree", body.path("tree").asText()));
            body.path("parents").forEach(p -> args.addAll(List.of("-p", p.asText())));
            args.addAll(List.of("-m", body.path("message").asText()));
            return new Answer(201, commitJson(ok(args.toArray(String[]::new))));
        }
        if (path.equals("/repos/" + repo + "/merges") && method.equals("POST")) {
            String baseRef = "refs/heads/" + body.path("base").asText();
            String base = resolve(baseRef);
            String head = resolve(body.path("head").asText());
            if (base == null || head == null) {
                return new Answer(404, JSON.createObjectNode().put("message", base == null ? "Base does not exist" : "Head does not exist"));
            }
            if (git(Map.of(), "merge-base", "--is-ancestor", head, base)[0].equals("0")) {
                return new Answer(204, null); // nothing to merge
            }
            String[] merged = git(Map.of(), "merge-tree", "--write-tree", base, head);
            if (!merged[0].equals("0")) {
                return new Answer(409, JSON.createObjectNode().put("message", "Merge conflict"));
            }
            String tree = merged[1].lines().findFirst().orElseThrow();
            Answer refused = workflowRefusal(base, tree);
            if (refused != null) {
                return refused;
            }
            String sha = ok("commit-tree", tree, "-p", base, "-p", head, "-m",
                    body.path("commit_message").asText("Merge " + head + " into " + body.path("base").asText()));
            ok("update-ref", baseRef, sha);
            return new Answer(201, commitJson(sha));
        }
        return null;
    }

    /** The text of a file at a ref, byte for byte (so its blob id is git's); null when either does not exist. */
    public String fileAt(String ref, String path) {
        if (!git(Map.of(), "cat-file", "-e", ref + ":" + path)[0].equals("0") || !git(Map.of(), "cat-file", "-t", ref + ":" + path)[1].equals("blob")) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("git", "--git-dir=" + gitDir, "cat-file", "blob", ref + ":" + path).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            return p.waitFor() == 0 ? new String(bytes, StandardCharsets.UTF_8) : null;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files that differ between the merge base of two commits and the second, each "status path" as git names them. */
    public List<String> changedFiles(String base, String head) {
        String out = ok("diff", "--name-status", "--no-renames", base + "..." + head);
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** A directory's entries at a ref, each "name type" (blob or tree); null when there is no such directory. */
    public List<String> entriesAt(String ref, String dir) {
        String[] r = git(Map.of(), "ls-tree", ref + ":" + dir);
        if (!r[0].equals("0")) {
            return null;
        }
        return r[1].lines().filter(l -> !l.isBlank()).map(l -> l.substring(l.indexOf('\t') + 1) + " " + l.split(" ")[1]).toList();
    }

    private String hashObject(String content) {
        return hashObject(content, "blob");
    }

    private String hashObject(String content, String type) {
        try {
            Process p = new ProcessBuilder("git", "--git-dir=" + gitDir, "hash-object", "-w", "-t", type, "--stdin").start();
            p.getOutputStream().write(content.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String sha = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git hash-object failed");
            }
            return sha;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode tagJson(String sha) {
        String raw = ok("cat-file", "-p", sha);
        ObjectNode t = JSON.createObjectNode().put("sha", sha);
        for (String line : raw.split("\n")) {
            if (line.startsWith("object ")) {
                t.putObject("object").put("sha", line.substring(7)).put("type", "commit");
            } else if (line.startsWith("tag ")) {
                t.put("tag", line.substring(4));
            }
        }
        t.put("message", raw.substring(raw.indexOf("\n\n") + 2));
        return t;
    }

    public ObjectNode commitJson(String sha) {
        String raw = ok("cat-file", "-p", sha);
        ObjectNode c = JSON.createObjectNode().put("sha", sha).put("node_id", "C_" + sha.substring(0, 8));
        var parents = c.putArray("parents");
        int blank = raw.indexOf("\n\n");
        for (String line : raw.substring(0, blank < 0 ? raw.length() : blank).split("\n")) {
            if (line.startsWith("tree ")) {
                c.putObject("tree").put("sha", line.substring(5));
            } else if (line.startsWith("parent ")) {
                parents.addObject().put("sha", line.substring(7));
            } else if (line.startsWith("author ")) {
                String who = line.substring(7);
                c.putObject("author").put("name", who.substring(0, who.indexOf(" <"))).put("email", who.substring(who.indexOf('<') + 1, who.indexOf('>')));
            }
        }
        c.put("message", blank < 0 ? "" : raw.substring(blank + 2));
        // the merge endpoint answers a commit wrapper; carrying both shapes lets one builder serve both routes
        c.putObject("commit").put("message", c.path("message").asText()).set("tree", c.path("tree").deepCopy());
        return c;
    }

    private ObjectNode refJson(String ref, String sha) {
        ObjectNode r = JSON.createObjectNode().put("ref", ref);
        r.putObject("object").put("sha", sha).put("type", git(Map.of(), "cat-file", "-t", sha)[1]);
        return r;
    }

    /** A status and body (null for none). */
    public record Answer(int status, JsonNode body) {
        static Answer notFound() {
            return new Answer(404, JSON.createObjectNode().put("message", "Not Found"));
        }
    }
}
