package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository state a fake GitHub keeps and answers from as GitHub does: files (contents API with ETags and
 * 304s), pull request files (paged, capped at 3,000), issue comments, labels (adding an unknown label to an issue
 * creates it with GitHub's default colour), and check runs.
 */
public final class FakeRepository implements ResponseDefinitionTransformerV2 {
    static final String NAME = "fake-repository";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String R = "/repos/([^/]+/[^/]+)";

    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, String> files = new HashMap<>();                  // repo \n ref \n path -> text
    private final Map<String, List<ObjectNode>> prFiles = new HashMap<>();      // repo#n
    private final Map<String, ObjectNode> pulls = new HashMap<>();              // repo#n
    private final Map<String, ArrayNode> commitPulls = new HashMap<>();         // repo@sha
    private final Map<String, byte[]> blobs = new HashMap<>();                  // repo@blob sha, of every file served
    private final Map<String, List<ObjectNode>> comments = new HashMap<>();     // repo#n
    private final Map<String, ObjectNode> repoLabels = new HashMap<>();         // repo \n name
    private final Map<String, List<String>> issueLabels = new HashMap<>();      // repo#n
    private final Map<Long, ObjectNode> checkRuns = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> reviews = new HashMap<>();     // repo#n
    private final Map<String, String> permissions = new HashMap<>();           // repo \n login -> role
    private final Map<String, String> trees = new HashMap<>();                 // repo \n sha -> tree sha
    private int applyThenFail;
    private boolean autoMergeDisallowed;
    private final Map<String, GitData> git = new HashMap<>();                  // repo -> real repository
    private final Map<String, List<String>> prCommits = new HashMap<>();       // repo#n -> commit shas
    private final List<ObjectNode> createdPulls = new ArrayList<>();
    private final Map<String, ObjectNode> issues = new LinkedHashMap<>();        // repo#n
    private final Map<String, ObjectNode> releases = new LinkedHashMap<>();      // repo \n tag
    private final Map<Long, List<String>> reactions = new HashMap<>();           // comment id -> contents
    private final AtomicLong issueNumbers = new AtomicLong(500);

    private final java.util.Set<String> notInstalled = new java.util.HashSet<>();

    // ---- set-up and inspection, for tests ----

    /** A repository the installation does not cover: GitHub answers 404 to everything about it. */
    public synchronized void notInstalled(String repo) {
        notInstalled.add(repo);
    }

    /** Refs, commits and merges of {@code repo} come from this real repository. */
    public synchronized void git(String repo, GitData data) {
        git.put(repo, data);
    }

    public synchronized void pullRequestCommits(String repo, long number, List<String> shas) {
        prCommits.put(repo + "#" + number, new ArrayList<>(shas));
    }

    /** Pull requests the bot opened. */
    public synchronized List<JsonNode> createdPulls() {
        return List.copyOf(createdPulls);
    }

    /** Issues (not pull requests) the bot opened or a test added, oldest first. */
    public synchronized List<JsonNode> issues(String repo) {
        return issues.entrySet().stream().filter(e -> e.getKey().startsWith(repo + "#")).map(e -> (JsonNode) e.getValue()).toList();
    }

    /** An issue as a person opened it. */
    public synchronized ObjectNode issue(String repo, String title, String body) {
        long number = issueNumbers.incrementAndGet();
        ObjectNode i = JSON.createObjectNode().put("number", number).put("title", title).put("body", body).put("state", "open")
                .put("html_url", "https://github.com/" + repo + "/issues/" + number);
        i.putArray("labels");
        i.putArray("assignees");
        issues.put(repo + "#" + number, i);
        return i;
    }

    /** Edits an issue's body as a person would in the browser. */
    public synchronized void editIssueBody(String repo, long number, String body) {
        issues.get(repo + "#" + number).put("body", body);
    }

    public synchronized List<JsonNode> releases(String repo) {
        return releases.entrySet().stream().filter(e -> e.getKey().startsWith(repo + "\n")).map(e -> (JsonNode) e.getValue()).toList();
    }

    public synchronized List<String> reactions(long commentId) {
        return List.copyOf(reactions.getOrDefault(commentId, List.of()));
    }

    /** A file on a branch (null ref: the default branch). */
    public synchronized void file(String repo, String ref, String path, String text) {
        files.put(repo + "\n" + (ref == null ? "" : ref) + "\n" + path, text);
    }

    public synchronized void pullRequestFiles(String repo, long number, List<ObjectNode> list) {
        prFiles.put(repo + "#" + number, new ArrayList<>(list));
    }

    public synchronized void pullRequest(String repo, long number, ObjectNode pr) {
        pulls.put(repo + "#" + number, pr);
    }

    /** What GET /repos/{o}/{r}/commits/{sha}/pulls answers: the pull requests a commit belongs to. */
    public synchronized void commitOf(String repo, String sha, long... numbers) {
        ArrayNode list = JSON.createArrayNode();
        for (long n : numbers) {
            list.add(pulls.containsKey(repo + "#" + n) ? pulls.get(repo + "#" + n).deepCopy() : JSON.createObjectNode().put("number", n));
        }
        commitPulls.put(repo + "@" + sha, list);
    }

    /** A review as GitHub lists it; reviews are listed in the order submitted. */
    public synchronized void review(String repo, long number, String login, boolean bot, String state, String commitId) {
        ObjectNode r = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("state", state).put("commit_id", commitId)
                .put("submitted_at", Instant.now().toString());
        r.putObject("user").put("login", login).put("type", bot ? "Bot" : "User");
        reviews.computeIfAbsent(repo + "#" + number, k -> new ArrayList<>()).add(r);
    }

    /** A person's role on the repository: admin, maintain, write, triage or read (absent: not a collaborator). */
    public synchronized void permission(String repo, String login, String role) {
        permissions.put(repo + "\n" + login, role);
    }

    public synchronized void commitTree(String repo, String sha, String tree) {
        trees.put(repo + "\n" + sha, tree);
    }

    public static ObjectNode changedFile(String path, int additions, int deletions) {
        ObjectNode f = JSON.createObjectNode();
        f.put("filename", path).put("status", "modified").put("additions", additions).put("deletions", deletions)
                .put("changes", additions + deletions);
        return f;
    }

    public synchronized List<JsonNode> comments(String repo, long number) {
        return List.copyOf(comments.getOrDefault(repo + "#" + number, List.of()));
    }

    public synchronized List<String> labels(String repo, long number) {
        return List.copyOf(issueLabels.getOrDefault(repo + "#" + number, List.of()));
    }

    public synchronized JsonNode repoLabel(String repo, String name) {
        return repoLabels.get(repo + "\n" + name);
    }

    public synchronized List<JsonNode> checkRuns(String headSha, String name) {
        return checkRuns.values().stream().filter(c -> c.path("head_sha").asText().equals(headSha) && c.path("name").asText().equals(name))
                .map(c -> (JsonNode) c).toList();
    }

    /** The next {@code n} comment creations are stored but answered with 502 (GitHub did it, then failed to say so). */
    public synchronized void applyThenFail(int n) {
        applyThenFail = n;
    }

    // ---- the API ----

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String[] urlParts = event.getRequest().getUrl().split("\\?", 2);
        String path = urlParts[0];
        Map<String, String> query = query(urlParts.length > 1 ? urlParts[1] : "");
        try {
            JsonNode body = event.getRequest().getBodyAsString().isEmpty() ? JSON.createObjectNode() : JSON.readTree(event.getRequest().getBodyAsString());
            Matcher m;
            if ((m = match(R + "(/.*)?", path)) != null && notInstalled.contains(m.group(1))) {
                return notFound();
            }
            if ((m = match(R + "/commits", path)) != null && method.equals("GET") && git.containsKey(m.group(1)) && query.containsKey("path")) {
                return json(200, git.get(m.group(1)).commitsTouching(query.getOrDefault("sha", "main"), query.get("path")));
            }
            if ((m = match(R + "/.*", path)) != null && git.containsKey(m.group(1))) {
                GitData.Answer a = git.get(m.group(1)).handle(method, m.group(1), path, body);
                if (a != null) {
                    return a.body() == null ? ResponseDefinitionBuilder.responseDefinition().withStatus(a.status()).build() : json(a.status(), a.body());
                }
            }
            if ((m = match(R + "/pulls/(\\d+)/commits", path)) != null && method.equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                for (String sha : prCommits.getOrDefault(m.group(1) + "#" + m.group(2), List.of())) {
                    ObjectNode c = git.get(m.group(1)).commitJson(sha);
                    ObjectNode item = list.addObject().put("sha", sha);
                    item.putObject("commit").put("message", c.path("message").asText()).set("author", c.path("author").deepCopy());
                    item.set("parents", c.path("parents").deepCopy());
                }
                return json(200, list);
            }
            if ((m = match(R + "/pulls", path)) != null && method.equals("GET")) {
                String head = query.getOrDefault("head", "");
                String headRef = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
                return json(200, array(createdPulls.stream().filter(p -> p.path("head").path("ref").asText().equals(headRef)).toList()));
            }
            if ((m = match(R + "/pulls", path)) != null && method.equals("POST")) {
                String repo = m.group(1);
                boolean exists = createdPulls.stream().anyMatch(p -> p.path("head").path("ref").asText().equals(body.path("head").asText())
                        && p.path("state").asText().equals("open"));
                if (exists) {
                    return json(422, JSON.createObjectNode().put("message", "Validation Failed: A pull request already exists"));
                }
                long number = 100 + createdPulls.size();
                ObjectNode pr = JSON.createObjectNode().put("number", number).put("state", "open").put("title", body.path("title").asText())
                        .put("body", body.path("body").asText()).put("draft", body.path("draft").asBoolean(false))
                        .put("html_url", "https://github.com/" + repo + "/pull/" + number).put("node_id", "PR_" + repo.hashCode() + "_" + number);
                pr.putObject("head").put("ref", body.path("head").asText()).put("sha", git.get(repo).resolve("refs/heads/" + body.path("head").asText()));
                pr.putObject("base").put("ref", body.path("base").asText()).put("sha", git.get(repo).resolve("refs/heads/" + body.path("base").asText()));
                pr.putObject("user").put("login", "release-train[bot]").put("type", "Bot");
                createdPulls.add(pr);
                pulls.put(repo + "#" + number, pr);
                return json(201, pr);
            }
            if (path.equals("/graphql") && method.equals("POST")) {
                return graphql(body);
            }
            if ((m = match(R + "/pulls/(\\d+)/requested_reviewers", path)) != null && method.equals("POST")) {
                ObjectNode pr = pulls.get(m.group(1) + "#" + m.group(2));
                if (pr == null) {
                    return notFound();
                }
                ArrayNode asked = pr.putArray("requested_reviewers");
                body.path("reviewers").forEach(login -> asked.addObject().put("login", login.asText()).put("type", "User"));
                return json(201, pr);
            }
            if ((m = match(R + "/issues/(\\d+)/assignees", path)) != null && method.equals("POST")) {
                ObjectNode pr = pulls.get(m.group(1) + "#" + m.group(2));
                if (pr != null) { // GitHub answers with user objects, as every pull request listing carries them
                    ArrayNode assignees = pr.putArray("assignees");
                    body.path("assignees").forEach(login -> assignees.addObject().put("login", login.asText()).put("type", "User"));
                }
                return json(201, pr == null ? JSON.createObjectNode() : pr);
            }
            if ((m = match(R, path)) != null && method.equals("GET")) {
                ObjectNode r = JSON.createObjectNode().put("full_name", m.group(1)).put("default_branch", "main").put("private", false);
                return json(200, r);
            }
            if ((m = match(R + "/issues", path)) != null && method.equals("GET")) {
                String repo = m.group(1);
                String label = query.get("labels");
                String state = query.getOrDefault("state", "open");
                return json(200, array(issues.entrySet().stream().filter(e -> e.getKey().startsWith(repo + "#")).map(Map.Entry::getValue)
                        .filter(i -> state.equals("all") || i.path("state").asText().equals(state))
                        .filter(i -> label == null || i.path("labels").findValuesAsText("name").contains(label)).toList()));
            }
            if ((m = match(R + "/issues", path)) != null && method.equals("POST")) {
                ObjectNode i = issue(m.group(1), body.path("title").asText(), body.path("body").asText());
                ArrayNode labelNodes = i.putArray("labels");
                for (JsonNode n : body.path("labels")) {
                    labelNodes.add(repoLabels.containsKey(m.group(1) + "\n" + n.asText()) ? repoLabels.get(m.group(1) + "\n" + n.asText())
                            : label(m.group(1), n.asText(), "ededed"));
                }
                assign(i, body.path("assignees"));
                return json(201, i);
            }
            if ((m = match(R + "/issues/(\\d+)", path)) != null && issues.containsKey(m.group(1) + "#" + m.group(2))) {
                ObjectNode i = issues.get(m.group(1) + "#" + m.group(2));
                if (method.equals("PATCH")) {
                    for (String field : List.of("body", "state", "state_reason", "title")) {
                        if (body.has(field)) {
                            i.put(field, body.path(field).asText());
                        }
                    }
                    if (body.has("assignees")) {
                        assign(i, body.path("assignees"));
                    }
                }
                return json(200, i);
            }
            if ((m = match(R + "/issues/comments/(\\d+)/reactions", path)) != null && method.equals("POST")) {
                List<String> on = reactions.computeIfAbsent(Long.parseLong(m.group(2)), k -> new ArrayList<>());
                String content = body.path("content").asText();
                boolean fresh = !on.contains(content);
                if (fresh) {
                    on.add(content);
                }
                return json(fresh ? 201 : 200, JSON.createObjectNode().put("id", ids.incrementAndGet()).put("content", content));
            }
            if ((m = match(R + "/releases/tags/(.+)", path)) != null && method.equals("GET")) {
                ObjectNode r = releases.get(m.group(1) + "\n" + URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
                return r == null ? notFound() : json(200, r);
            }
            if ((m = match(R + "/releases", path)) != null && method.equals("POST")) {
                String tag = body.path("tag_name").asText();
                if (releases.containsKey(m.group(1) + "\n" + tag)) {
                    return json(422, JSON.createObjectNode().put("message", "Validation Failed: already_exists"));
                }
                ObjectNode r = ((ObjectNode) body).deepCopy().put("id", ids.incrementAndGet())
                        .put("html_url", "https://github.com/" + m.group(1) + "/releases/tag/" + tag);
                releases.put(m.group(1) + "\n" + tag, r);
                return json(201, r);
            }
            if ((m = match(R + "/contents/(.+)", path)) != null && method.equals("GET")) {
                return contents(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), query.get("ref"), event.getRequest().getHeader("If-None-Match"));
            }
            if ((m = match(R + "/pulls/(\\d+)/files", path)) != null) {
                List<ObjectNode> all = prFiles.containsKey(m.group(1) + "#" + m.group(2)) ? prFiles.get(m.group(1) + "#" + m.group(2))
                        : filesFromGit(m.group(1), pulls.get(m.group(1) + "#" + m.group(2)));
                int per = Integer.parseInt(query.getOrDefault("per_page", "30"));
                int page = Integer.parseInt(query.getOrDefault("page", "1"));
                List<ObjectNode> capped = all.subList(0, Math.min(all.size(), 3000));
                int from = Math.min(capped.size(), (page - 1) * per);
                return json(200, array(capped.subList(from, Math.min(capped.size(), from + per))));
            }
            if ((m = match(R + "/pulls/(\\d+)/reviews", path)) != null && method.equals("GET")) {
                List<ObjectNode> all = reviews.getOrDefault(m.group(1) + "#" + m.group(2), List.of());
                int per = Integer.parseInt(query.getOrDefault("per_page", "30"));
                int page = Integer.parseInt(query.getOrDefault("page", "1"));
                int from = Math.min(all.size(), (page - 1) * per);
                return json(200, array(all.subList(from, Math.min(all.size(), from + per))));
            }
            if ((m = match(R + "/collaborators/([^/]+)/permission", path)) != null) {
                String role = permissions.get(m.group(1) + "\n" + URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
                if (role == null) {
                    return notFound();
                }
                String legacy = switch (role) {
                    case "maintain" -> "write";
                    case "triage" -> "read";
                    default -> role;
                };
                ObjectNode p = JSON.createObjectNode().put("permission", legacy).put("role_name", role);
                p.putObject("user").put("login", m.group(2));
                return json(200, p);
            }
            if ((m = match(R + "/git/commits/([0-9a-f]{40})", path)) != null) {
                String tree = trees.get(m.group(1) + "\n" + m.group(2));
                if (tree == null) {
                    return notFound();
                }
                ObjectNode c = JSON.createObjectNode().put("sha", m.group(2));
                c.putObject("tree").put("sha", tree);
                return json(200, c);
            }
            if ((m = match(R + "/pulls/(\\d+)", path)) != null && method.equals("GET")) {
                ObjectNode pr = pulls.get(m.group(1) + "#" + m.group(2));
                return pr == null ? notFound() : json(200, pr);
            }
            if ((m = match(R + "/issues/(\\d+)/comments", path)) != null) {
                List<ObjectNode> list = comments.computeIfAbsent(m.group(1) + "#" + m.group(2), k -> new ArrayList<>());
                if (method.equals("POST")) {
                    ObjectNode c = JSON.createObjectNode();
                    long id = ids.incrementAndGet();
                    c.put("id", id).put("body", body.path("body").asText())
                            .put("html_url", "https://github.com/" + m.group(1) + "/issues/" + m.group(2) + "#issuecomment-" + id)
                            .put("created_at", Instant.now().toString());
                    c.putObject("user").put("login", "release-train[bot]").put("type", "Bot");
                    list.add(c);
                    if (applyThenFail > 0) {
                        applyThenFail--;
                        return json(502, JSON.createObjectNode().put("message", "Server Error"));
                    }
                    return json(201, c);
                }
                int per = Integer.parseInt(query.getOrDefault("per_page", "30"));
                int page = Integer.parseInt(query.getOrDefault("page", "1"));
                int from = Math.min(list.size(), (page - 1) * per);
                return json(200, array(list.subList(from, Math.min(list.size(), from + per))));
            }
            if ((m = match(R + "/issues/comments/(\\d+)", path)) != null) {
                for (List<ObjectNode> list : comments.values()) {
                    for (ObjectNode c : list) {
                        if (c.path("id").asText().equals(m.group(2))) {
                            if (method.equals("DELETE")) {
                                list.remove(c);
                                return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
                            }
                            c.put("body", body.path("body").asText());
                            return json(200, c);
                        }
                    }
                }
                return notFound();
            }
            if ((m = match(R + "/labels/([^/]+)", path)) != null && method.equals("GET")) {
                ObjectNode l = repoLabels.get(m.group(1) + "\n" + URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
                return l == null ? notFound() : json(200, l);
            }
            if ((m = match(R + "/labels", path)) != null && method.equals("POST")) {
                String key = m.group(1) + "\n" + body.path("name").asText();
                if (repoLabels.containsKey(key)) {
                    return json(422, JSON.createObjectNode().put("message", "Validation Failed"));
                }
                return json(201, label(m.group(1), body.path("name").asText(), body.path("color").asText("ededed"))
                        .put("description", body.path("description").asText(null)));
            }
            if ((m = match(R + "/issues/(\\d+)/labels", path)) != null && method.equals("POST")) {
                String repo = m.group(1);
                List<String> on = issueLabels.computeIfAbsent(repo + "#" + m.group(2), k -> new ArrayList<>());
                for (JsonNode n : body.path("labels")) {
                    if (!repoLabels.containsKey(repo + "\n" + n.asText())) {
                        label(repo, n.asText(), "ededed"); // as GitHub does: an unknown label is created, uncoloured
                    }
                    if (!on.contains(n.asText())) {
                        on.add(n.asText());
                    }
                }
                return json(200, array(on.stream().map(n -> repoLabels.get(repo + "\n" + n)).toList()));
            }
            if ((m = match(R + "/issues/(\\d+)/labels/([^/]+)", path)) != null && method.equals("DELETE")) {
                List<String> on = issueLabels.computeIfAbsent(m.group(1) + "#" + m.group(2), k -> new ArrayList<>());
                return on.remove(URLDecoder.decode(m.group(3), StandardCharsets.UTF_8))
                        ? json(200, array(List.of())) : json(404, JSON.createObjectNode().put("message", "Label does not exist"));
            }
            if ((m = match(R + "/git/blobs/([0-9a-f]{40})", path)) != null && method.equals("GET")) {
                byte[] blob = blobs.get(m.group(1) + "@" + m.group(2));
                return blob == null ? notFound() : json(200, JSON.createObjectNode().put("sha", m.group(2)).put("size", blob.length)
                        .put("encoding", "base64").put("content", Base64.getMimeEncoder().encodeToString(blob)));
            }
            if ((m = match(R + "/commits/([0-9a-f]{40})/pulls", path)) != null && method.equals("GET")) {
                return json(200, commitPulls.getOrDefault(m.group(1) + "@" + m.group(2), JSON.createArrayNode()));
            }
            if ((m = match(R + "/commits/([^/]+)/check-runs", path)) != null) {
                String sha = m.group(2);
                String name = query.get("check_name");
                List<ObjectNode> runs = checkRuns.values().stream().filter(c -> c.path("head_sha").asText().equals(sha))
                        .filter(c -> name == null || c.path("name").asText().equals(name)).toList();
                ObjectNode reply = JSON.createObjectNode().put("total_count", runs.size());
                reply.set("check_runs", array(runs));
                return json(200, reply);
            }
            if (match(R + "/check-runs", path) != null && method.equals("POST")) {
                ObjectNode run = ((ObjectNode) body).deepCopy();
                run.put("id", ids.incrementAndGet());
                checkRuns.put(run.path("id").asLong(), run);
                return json(201, run);
            }
            if ((m = match(R + "/check-runs/(\\d+)", path)) != null && method.equals("PATCH")) {
                ObjectNode run = checkRuns.get(Long.parseLong(m.group(2)));
                if (run == null) {
                    return notFound();
                }
                run.setAll((ObjectNode) body);
                return json(200, run);
            }
            return event.getResponseDefinition();
        } catch (Exception e) {
            return json(400, JSON.createObjectNode().put("message", "Problems parsing JSON: " + e.getMessage()));
        }
    }

    private ResponseDefinition contents(String repo, String path, String ref, String ifNoneMatch) {
        String text = files.get(repo + "\n" + (ref == null ? "" : ref) + "\n" + path);
        if (text == null && git.containsKey(repo)) {
            text = git.get(repo).fileAt(ref == null ? "refs/heads/main" : ref, path);
            if (text == null) { // a directory: its entries, as GitHub lists them
                List<String> entries = git.get(repo).entriesAt(ref == null ? "refs/heads/main" : ref, path);
                if (entries != null) {
                    ArrayNode list = JSON.createArrayNode();
                    for (String e : entries) {
                        String name = e.substring(0, e.lastIndexOf(' '));
                        list.addObject().put("name", name).put("path", path + "/" + name).put("type", e.endsWith(" tree") ? "dir" : "file");
                    }
                    return json(200, list);
                }
            }
        }
        if (text == null) {
            String dir = repo + "\n" + (ref == null ? "" : ref) + "\n" + path + "/";
            List<String> names = files.keySet().stream().filter(k -> k.startsWith(dir)).map(k -> k.substring(dir.length()))
                    .map(rest -> rest.contains("/") ? rest.substring(0, rest.indexOf('/')) + "/" : rest).distinct().sorted().toList();
            if (!names.isEmpty()) {
                ArrayNode list = JSON.createArrayNode();
                for (String n : names) {
                    String name = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
                    list.addObject().put("name", name).put("path", path + "/" + name).put("type", n.endsWith("/") ? "dir" : "file");
                }
                return json(200, list);
            }
            return notFound();
        }
        String etag = "\"" + Integer.toHexString(text.hashCode()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(304).withHeader("ETag", etag).build();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String sha = blobSha(bytes);
        blobs.put(repo + "@" + sha, bytes);
        // as GitHub does: over 1 MB the contents API leaves the content out, and the git blob API serves it
        boolean large = bytes.length > 1024 * 1024;
        ObjectNode f = JSON.createObjectNode().put("type", "file").put("encoding", large ? "none" : "base64").put("path", path)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("size", bytes.length).put("sha", sha)
                .put("content", large ? "" : Base64.getMimeEncoder().encodeToString(bytes));
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("ETag", etag).withBody(f.toString()).build();
    }

    /**
     * GitHub's GraphQL API, as far as the bot uses it: {@code enablePullRequestAutoMerge}, which GitHub refuses for a
     * draft and where {@link #autoMergeDisallowed} says the repository does not allow it.
     */
    private ResponseDefinition graphql(JsonNode body) {
        String query = body.path("query").asText();
        if (!query.contains("enablePullRequestAutoMerge")) {
            return json(200, error("This fake answers enablePullRequestAutoMerge only"));
        }
        String id = body.path("variables").path("id").asText();
        ObjectNode pr = createdPulls.stream().filter(p -> p.path("node_id").asText().equals(id)).findFirst().orElse(null);
        if (pr == null) {
            return json(200, error("Could not resolve to a node with the global id of '" + id + "'"));
        }
        if (autoMergeDisallowed) {
            return json(200, error("Pull request Auto merge is not allowed for this repository"));
        }
        if (pr.path("draft").asBoolean()) {
            return json(200, error("Pull request is in draft state"));
        }
        pr.putObject("auto_merge").put("merge_method", body.path("variables").path("method").asText().toLowerCase(java.util.Locale.ROOT))
                .putObject("enabled_by").put("login", "release-train[bot]");
        ObjectNode data = JSON.createObjectNode();
        data.putObject("data").putObject("enablePullRequestAutoMerge").putObject("pullRequest").put("number", pr.path("number").asLong());
        return json(200, data);
    }

    private static ObjectNode error(String message) {
        ObjectNode e = JSON.createObjectNode().putNull("data");
        e.putArray("errors").addObject().put("type", "UNPROCESSABLE").put("message", message);
        return e;
    }

    /** Auto-merge is off in the repository's settings: GitHub refuses to turn it on for a pull request. */
    public synchronized void disallowAutoMerge() {
        autoMergeDisallowed = true;
    }

    /** A pull request the bot opened on a git-backed repository: its files, as git diffs its branches. */
    private List<ObjectNode> filesFromGit(String repo, ObjectNode pr) {
        GitData data = git.get(repo);
        if (pr == null || data == null || !createdPulls.contains(pr) || data.resolve("refs/heads/" + pr.path("head").path("ref").asText()) == null) {
            return List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String line : data.changedFiles("refs/heads/" + pr.path("base").path("ref").asText(), "refs/heads/" + pr.path("head").path("ref").asText())) {
            String status = switch (line.charAt(0)) {
                case 'A' -> "added";
                case 'D' -> "removed";
                default -> "modified";
            };
            out.add(changedFile(line.substring(line.indexOf('\t') + 1), 0, 0).put("status", status));
        }
        return out;
    }

    /** A blob's id as git computes it. */
    private static String blobSha(byte[] bytes) {
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assign(ObjectNode issue, JsonNode logins) {
        ArrayNode assignees = issue.putArray("assignees");
        logins.forEach(l -> assignees.addObject().put("login", l.asText()));
    }

    private ObjectNode label(String repo, String name, String color) {
        ObjectNode l = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("name", name).put("color", color);
        repoLabels.put(repo + "\n" + name, l);
        return l;
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static ArrayNode array(List<? extends JsonNode> items) {
        ArrayNode a = JSON.createArrayNode();
        items.forEach(a::add);
        return a;
    }

    private static ResponseDefinition notFound() {
        return json(404, JSON.createObjectNode().put("message", "Not Found").put("documentation_url", "https://docs.github.com/rest"));
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
