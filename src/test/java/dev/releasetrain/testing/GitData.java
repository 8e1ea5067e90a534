package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    public String resolve(String ref) {
        String[] r = git(Map.of(), "rev-parse", "--verify", "-q", ref + "^{commit}");
        return r[0].equals("0") ? r[1] : null;
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
                    return sha == null ? Answer.notFound() : new Answer(200, refJson(ref, sha));
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
            String sha = ok("commit-tree", tree, "-p", base, "-p", head, "-m",
                    body.path("commit_message").asText("Merge " + head + " into " + body.path("base").asText()));
            ok("update-ref", baseRef, sha);
            return new Answer(201, commitJson(sha));
        }
        return null;
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

    private static ObjectNode refJson(String ref, String sha) {
        ObjectNode r = JSON.createObjectNode().put("ref", ref);
        r.putObject("object").put("sha", sha).put("type", "commit");
        return r;
    }

    /** A status and body (null for none). */
    public record Answer(int status, JsonNode body) {
        static Answer notFound() {
            return new Answer(404, JSON.createObjectNode().put("message", "Not Found"));
        }
    }
}
