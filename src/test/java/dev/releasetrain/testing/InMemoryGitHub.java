package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Collaborators;
import dev.releasetrain.github.Commit;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.Comparison;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.GitCommit;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.History;
import dev.releasetrain.github.Issues;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.MergeGroups;
import dev.releasetrain.github.OfflineModel;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.Releases;
import dev.releasetrain.github.RepoFiles;
import dev.releasetrain.github.RepositoryClients;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One repository held in memory, implementing every resource interface of the {@code github} package, for the
 * handlers' table tests: it answers from what the test put in and records every call, reads and writes, in order
 * ({@link #calls}), so a test states what a handler asked and what it changed. Answers are GitHub's JSON shapes read
 * into hub4j's model offline, as the real clients do.
 */
public final class InMemoryGitHub implements PullRequests, Issues, Labels, Comments, Contents, GitData, CheckRuns, History, MergeGroups,
        Collaborators, Releases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String repository;
    /** Every call, as "method argument…", in order. */
    public final List<String> calls = new ArrayList<>();
    public final Map<Long, ObjectNode> pulls = new TreeMap<>();
    public final Map<Long, List<ChangedFile>> files = new HashMap<>();
    public final Map<Long, List<PullRequestReview>> reviews = new HashMap<>();
    public final Map<Long, List<String>> commitMessages = new HashMap<>();
    /** File texts by "path@ref" (ref "" for the default branch). */
    public final Map<String, String> texts = new HashMap<>();
    /** Files over the contents API's 1 MB, by "path@ref": their size, never their text. */
    public final Map<String, Long> tooLarge = new HashMap<>();
    public final Set<String> writers = new HashSet<>();
    /** Team members as "org/team:login". */
    public final Set<String> teamMembers = new HashSet<>();
    /** Labels on each issue or pull request, and the repository's. */
    public final Map<Long, List<String>> labels = new HashMap<>();
    public final Set<String> repositoryLabels = new HashSet<>();
    /** The bot's comments by issue and marker. */
    public final Map<Long, Map<String, String>> comments = new HashMap<>();
    public final Map<Long, ObjectNode> issues = new TreeMap<>();
    /** Refs such as "heads/main" or "tags/1.2.3" → SHA. */
    public final Map<String, String> refs = new LinkedHashMap<>();
    public final Map<String, GitCommit> commits = new HashMap<>();
    /** Merges the git data API would answer, by "base<-head" (absent: a clean merge with a new tree). */
    public final Map<String, Merge> merges = new HashMap<>();
    /** Check runs as created or updated: the runs' bodies by id. */
    public final Map<Long, ObjectNode> checkRuns = new LinkedHashMap<>();
    public final Map<String, Comparison> comparisons = new HashMap<>();
    public final Map<String, List<String>> touching = new HashMap<>();
    public final Map<String, List<Long>> groups = new HashMap<>();
    public final Map<String, ObjectNode> releases = new HashMap<>();
    public String defaultBranch = "main";
    private long next = 1000;

    public InMemoryGitHub(String repository) {
        this.repository = repository;
    }

    /** Every resource of this one repository, as a capability's GitHub record is built from. */
    public RepositoryClients clients() {
        return new RepositoryClients(repository, this, this, this, this, this, this, this, this, this, this, this);
    }

    /** The calls that change something on GitHub, in order. */
    public List<String> writes() {
        return calls.stream().filter(c -> WRITES.stream().anyMatch(c::startsWith)).toList();
    }

    private static final List<String> WRITES = List.of("openPullRequest", "enableAutoMerge", "requestReviewers", "createIssue", "updateIssue", "addAssignees", "react", "ensureLabel",
            "addLabels", "removeLabel", "upsertComment", "removeComment", "createRef", "updateBranch", "deleteBranch", "createCommit",
            "merge", "commitFiles", "createTagObject", "createCheckRun", "updateCheckRun", "createRelease");

    /** A pull request as GitHub describes it: open, from {@code head} at {@code sha} into main, by {@code author}. */
    public ObjectNode pullRequest(long number, String author, String sha) {
        ObjectNode pr = JSON.createObjectNode().put("number", number).put("state", "open").put("title", "Pull request " + number)
                .put("body", "").put("merged", false).put("draft", false).put("changed_files", 0)
                .put("html_url", "https://github.com/" + repository + "/pull/" + number);
        pr.putObject("user").put("login", author).put("type", author.endsWith("[bot]") ? "Bot" : "User");
        pr.putObject("head").put("sha", sha).put("ref", "feature-" + number);
        pr.putObject("base").put("sha", "base-" + number).put("ref", defaultBranch);
        pr.putArray("labels");
        pulls.put(number, pr);
        return pr;
    }

    /** The pull request with these labels. */
    public InMemoryGitHub labelled(long number, String... names) {
        ArrayNode list = pulls.get(number).putArray("labels");
        for (String n : names) {
            list.addObject().put("name", n);
        }
        labels.put(number, new ArrayList<>(List.of(names)));
        return this;
    }

    /** The pull request as the typed model reads it. */
    public GHPullRequest typed(long number) {
        try {
            return OfflineModel.read(pulls.get(number), GHPullRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void call(String... parts) {
        calls.add(String.join(" ", parts));
    }

    // ---- pull requests

    @Override
    public GHPullRequest pullRequest(long number) {
        call("pullRequest", "#" + number);
        if (!pulls.containsKey(number)) {
            throw new IllegalStateException("no pull request #" + number);
        }
        return typed(number);
    }

    @Override
    public List<ChangedFile> changedFiles(GHPullRequest pullRequest) {
        call("changedFiles", "#" + pullRequest.getNumber());
        return files.getOrDefault((long) pullRequest.getNumber(), List.of());
    }

    @Override
    public List<GHPullRequest> pullRequestsFrom(String branch) {
        call("pullRequestsFrom", branch);
        return pulls.values().stream().filter(p -> p.path("head").path("ref").asText().equals(branch)).map(p -> typed(p.path("number").asLong())).toList();
    }

    @Override
    public GHPullRequest openPullRequest(String title, String head, String base, String body, boolean draft) {
        call("openPullRequest", head, "->", base, title + (draft ? " (draft)" : ""));
        long number = next++;
        ObjectNode pr = pullRequest(number, "release-train[bot]", "sha-" + head);
        pr.put("title", title).put("body", body).put("draft", draft);
        ((ObjectNode) pr.path("head")).put("ref", head);
        ((ObjectNode) pr.path("base")).put("ref", base);
        return typed(number);
    }

    @Override
    public void enableAutoMerge(GHPullRequest pullRequest, String method) {
        call("enableAutoMerge", "#" + pullRequest.getNumber(), method);
    }

    @Override
    public void requestReviewers(long number, List<String> logins) {
        call("requestReviewers", "#" + number, String.join(",", logins));
    }

    @Override
    public List<String> commitMessages(long number) {
        call("commitMessages", "#" + number);
        return commitMessages.getOrDefault(number, List.of());
    }

    @Override
    public List<PullRequestReview> reviews(long number) {
        call("reviews", "#" + number);
        return reviews.getOrDefault(number, List.of());
    }

    // ---- issues, labels, comments

    @Override
    public GHIssue issue(long number) throws IOException {
        call("issue", "#" + number);
        return OfflineModel.read(issues.get(number), GHIssue.class);
    }

    @Override
    public List<GHIssue> issuesLabelled(String label, int page) throws IOException {
        call("issuesLabelled", label, String.valueOf(page));
        List<GHIssue> out = new ArrayList<>();
        for (Map.Entry<Long, ObjectNode> i : issues.entrySet()) {
            if (page == 1 && labels.getOrDefault(i.getKey(), List.of()).contains(label)) {
                out.add(OfflineModel.read(i.getValue(), GHIssue.class));
            }
        }
        return out;
    }

    @Override
    public long createIssue(String title, String body, List<String> labelNames, List<String> assignees) {
        long number = next++;
        call("createIssue", "#" + number, title);
        issues.put(number, JSON.createObjectNode().put("number", number).put("title", title).put("body", body).put("state", "open"));
        labels.put(number, new ArrayList<>(labelNames));
        return number;
    }

    @Override
    public void updateIssue(long number, Map<String, Object> fields) {
        call("updateIssue", "#" + number, new TreeMap<>(fields).keySet().toString());
        fields.forEach((k, v) -> issues.get(number).set(k, JSON.valueToTree(v)));
    }

    @Override
    public void addAssignees(long issue, List<String> logins) {
        call("addAssignees", "#" + issue, String.join(",", logins));
    }

    @Override
    public void react(long commentId, String content) {
        call("react", String.valueOf(commentId), content);
    }

    @Override
    public void ensureLabel(String name, String color, String description) {
        if (repositoryLabels.add(name)) {
            call("ensureLabel", name);
        }
    }

    @Override
    public void addLabels(long issue, List<String> names) {
        call("addLabels", "#" + issue, String.join(",", names));
        labels.computeIfAbsent(issue, n -> new ArrayList<>()).addAll(names);
    }

    @Override
    public void removeLabel(long issue, String name) {
        call("removeLabel", "#" + issue, name);
        labels.getOrDefault(issue, new ArrayList<>()).remove(name);
    }

    @Override
    public void upsertComment(long issue, String marker, String body) {
        if (!body.equals(comments.getOrDefault(issue, Map.of()).get(marker))) {
            call("upsertComment", "#" + issue, marker);
            comments.computeIfAbsent(issue, n -> new LinkedHashMap<>()).put(marker, body);
        }
    }

    @Override
    public void noCommentYet(long issue, String marker) {
        call("noCommentYet", "#" + issue, marker);
    }

    @Override
    public void removeComment(long issue, String marker) {
        if (comments.getOrDefault(issue, new HashMap<>()).remove(marker) != null) {
            call("removeComment", "#" + issue, marker);
        }
    }

    /** The bot's comment marked {@code marker} on the issue, if there is one. */
    public Optional<String> comment(long issue, String marker) {
        return Optional.ofNullable(comments.getOrDefault(issue, Map.of()).get(marker));
    }

    // ---- contents

    @Override
    public RepoFiles.FileText readFile(String path, String ref) {
        call("readFile", path + "@" + (ref == null ? "" : ref));
        String key = path + "@" + (ref == null ? "" : ref);
        String text = texts.get(key);
        return new RepoFiles.FileText(Optional.ofNullable(text), text == null ? tooLarge.getOrDefault(key, 0L) : text.length());
    }

    @Override
    public List<String> listFiles(String directory, String ref) {
        call("listFiles", directory + "@" + ref);
        String suffix = "@" + (ref == null ? "" : ref);
        return texts.keySet().stream().filter(k -> k.endsWith(suffix) && k.startsWith(directory + "/"))
                .map(k -> k.substring(directory.length() + 1, k.length() - suffix.length())).filter(n -> !n.contains("/")).sorted().toList();
    }

    // ---- git data

    @Override
    public Optional<String> ref(String ref) {
        call("ref", ref);
        return Optional.ofNullable(refs.get(ref));
    }

    @Override
    public boolean createRef(String ref, String sha) {
        call("createRef", ref, sha);
        return refs.putIfAbsent(ref.substring("refs/".length()), sha) == null;
    }

    @Override
    public void updateBranch(String branch, String sha, boolean force) {
        call("updateBranch", branch, sha);
        refs.put("heads/" + branch, sha);
    }

    @Override
    public void deleteBranch(String branch) {
        call("deleteBranch", branch);
        refs.remove("heads/" + branch);
    }

    @Override
    public GitCommit commit(String sha) {
        call("commit", sha);
        GitCommit c = commits.get(sha);
        if (c == null) {
            throw new IllegalStateException("no commit " + sha);
        }
        return c;
    }

    @Override
    public Optional<String> tree(String sha) {
        call("tree", sha);
        return Optional.ofNullable(commits.get(sha)).map(GitCommit::tree);
    }

    @Override
    public String createCommit(String message, String tree, List<String> parents) {
        String sha = sha();
        call("createCommit", sha, message.lines().findFirst().orElse(""));
        commits.put(sha, new GitCommit(sha, message, tree, parents, null, null));
        return sha;
    }

    /** A new commit's SHA, as long as git's. */
    private String sha() {
        return String.format("%040x", next++);
    }

    @Override
    public Merge merge(String base, String head, String message) {
        call("merge", base, head);
        return merges.getOrDefault(base + "<-" + head, new Merge(201, "tree-" + next++));
    }

    @Override
    public Optional<File> file(String path, String commit) {
        call("file", path + "@" + commit);
        String key = path + "@" + commit;
        String text = texts.get(key);
        if (text == null) {
            return Optional.ofNullable(tooLarge.get(key)).map(size -> new File("blob-" + key, Optional.empty()));
        }
        return Optional.of(new File("blob-" + Integer.toHexString(text.hashCode()), Optional.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** Writes each text at the new commit, so {@link #file} and {@link #readFile} see the commit's files as GitHub would. */
    @Override
    public String commitChanges(String parent, List<TreeChange> changes, String message) {
        String sha = sha();
        call("commitFiles", sha, String.join(",", changes.stream().map(TreeChange::path).sorted().toList()));
        commits.put(sha, new GitCommit(sha, message, "tree-" + sha, List.of(parent), null, null));
        for (TreeChange c : changes) {
            if (c.text() != null) {
                texts.put(c.path() + "@" + sha, c.text());
            }
        }
        return sha;
    }

    @Override
    public String createTagObject(String tag, String sha, String message) {
        call("createTagObject", tag, sha);
        return "tagobject-" + tag;
    }

    @Override
    public String taggedCommit(String objectSha) {
        call("taggedCommit", objectSha);
        return objectSha;
    }

    @Override
    public List<String> tags() {
        call("tags");
        return refs.keySet().stream().filter(r -> r.startsWith("tags/")).map(r -> r.substring("tags/".length())).toList();
    }

    // ---- check runs

    @Override
    public String repository() {
        return repository;
    }

    @Override
    public Optional<Long> findCheckRun(String headSha, String name) {
        call("findCheckRun", headSha, name);
        return checkRuns.entrySet().stream().filter(e -> e.getValue().path("head_sha").asText().equals(headSha)
                && e.getValue().path("name").asText().equals(name)).map(Map.Entry::getKey).reduce((a, b) -> b);
    }

    @Override
    public long createCheckRun(ObjectNode body) {
        long id = next++;
        call("createCheckRun", body.path("name").asText(), body.path("head_sha").asText());
        checkRuns.put(id, body.deepCopy());
        return id;
    }

    @Override
    public void updateCheckRun(long id, ObjectNode body) {
        call("updateCheckRun", String.valueOf(id));
        ObjectNode run = checkRuns.get(id);
        body.properties().forEach(f -> run.set(f.getKey(), f.getValue()));
    }

    @Override
    public List<GHCheckRun> checkRuns(String sha) throws IOException {
        call("checkRuns", sha);
        List<GHCheckRun> out = new ArrayList<>();
        for (ObjectNode run : checkRuns.values()) {
            if (run.path("head_sha").asText().equals(sha)) {
                out.add(OfflineModel.read(run, GHCheckRun.class));
            }
        }
        return out;
    }

    // ---- history, people, releases

    @Override
    public String defaultBranch() {
        call("defaultBranch");
        return defaultBranch;
    }

    @Override
    public Comparison compare(String base, String head) {
        call("compare", base + "..." + head);
        return comparisons.getOrDefault(base + "..." + head, new Comparison(List.<Commit>of(), 0, List.of()));
    }

    @Override
    public List<String> commitsTouching(String branch, String path) {
        call("commitsTouching", branch, path);
        return touching.getOrDefault(branch + ":" + path, List.of());
    }

    @Override
    public List<Long> pullRequestsIn(String baseSha, String headSha) {
        call("pullRequestsIn", baseSha + ".." + headSha);
        return groups.getOrDefault(baseSha + ".." + headSha, List.of());
    }

    @Override
    public boolean canWrite(String login) {
        call("canWrite", login);
        return writers.contains(login);
    }

    @Override
    public boolean activeTeamMember(String org, String team, String login) {
        call("activeTeamMember", org + "/" + team, login);
        return teamMembers.contains(org + "/" + team + ":" + login);
    }

    @Override
    public Optional<GHRelease> releaseByTag(String tag) throws IOException {
        call("releaseByTag", tag);
        ObjectNode r = releases.get(tag);
        return r == null ? Optional.empty() : Optional.of(OfflineModel.read(r, GHRelease.class));
    }

    @Override
    public GHRelease createRelease(String tag, String name, String body) throws IOException {
        call("createRelease", tag);
        ObjectNode r = JSON.createObjectNode().put("tag_name", tag).put("name", name).put("body", body)
                .put("html_url", "https://github.com/" + repository + "/releases/tag/" + tag);
        releases.put(tag, r);
        return OfflineModel.read(r, GHRelease.class);
    }
}
