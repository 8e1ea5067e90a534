package dev.releasetrain.hostile;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.SignatureVerifier;
import dev.releasetrain.delivery.StoredDelivery;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.GitData;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import dev.releasetrain.testing.WorkRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken requests, through the real door to the whole app (every feature on) against a fake GitHub
 * whose git data is a real repository. Each gets a clear refusal: an HTTP status with a reason at the door, or,
 * for a well-formed delivery carrying something bad, a refusal in the bot's usual channels (a reply, a failing
 * check) and no effect on the repository: no branch, tag, commit, issue, release, label or pull request. Every
 * accepted delivery ends done, none is left half-way, and the server stays healthy throughout.
 */
@NeedsSharedFixtures
class BadInputCorpusTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every comment its own id, as on GitHub: the bot's reply to a comment is keyed by it. */
    private static final java.util.concurrent.atomic.AtomicLong COMMENT_IDS = new java.util.concurrent.atomic.AtomicLong(900_000);
    /**
     * Writes that are the bot's ways of answering, allowed even for bad input: reactions, replies, check runs, and
     * the labels it flags pull requests with (size, merged without review, cherry-pick failed).
     */
    private static final List<Pattern> ANSWERS = List.of(Pattern.compile("POST /app/installations/\\d+/access_tokens"),
            Pattern.compile("POST /repos/[^/]+/[^/]+/issues/comments/\\d+/reactions"), Pattern.compile("(POST|PATCH) /repos/[^/]+/[^/]+/issues/\\d+/comments"),
            Pattern.compile("PATCH /repos/[^/]+/[^/]+/issues/comments/\\d+"), Pattern.compile("(POST|PATCH) /repos/[^/]+/[^/]+/check-runs(/\\d+)?"),
            Pattern.compile("POST /repos/[^/]+/[^/]+/(issues/\\d+/)?labels"));
    @TempDir
    Path dir;
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;
    private GitData bare;

    /** One request: what it is, how it is sent, and the status the door must answer. */
    private record Case(String name, String event, byte[] body, Map<String, String> headers, int status) {
    }

    @BeforeEach
    void start() throws Exception {
        WorkRepo work = new WorkRepo(dir.resolve("work"));
        work.write("app.txt", "hello\n");
        work.commit("first");
        work.git("tag", "1.29.0");
        work.git("branch", "release-1.30.0");
        bare = work.serve(dir.resolve("bare.git"));
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        for (String r : List.of(REPO, "acme/bomb", "acme/alias", "acme/prefix", "acme/files", "acme/target")) {
            repo.git(r, bare);
            repo.permission(r, "Codertocat", "admin");
            repo.permission(r, "reader", "read");
        }
        repo.notInstalled("someone-else/private");
        repo.pullRequest(REPO, 2, (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json")).get("pull_request"));
        repo.file("acme/bomb", null, ".github/release-train.yml", billionLaughs());
        repo.file("acme/alias", null, ".github/release-train.yml", "base: &b\n  enabled: true\nsize: *b\n");
        repo.file("acme/prefix", null, ".github/release-train.yml", "release:\n  branch-prefix: '../../main'\n");
        repo.file("acme/files", null, ".github/release-train.yml",
                "release:\n  version-files:\n    - path: ../../etc/passwd\n      pattern: '(.*)'\n");
        repo.file("acme/target", null, ".github/release-train.yml", "cherry-pick:\n  target-branch: '../$1'\n");
        server = TestServer.start(TestServer.settings(github.url()), Features::all);
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
    }

    private static String billionLaughs() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            y.append("]\n");
        }
        return y.toString();
    }

    private static byte[] fixture(String event, String file, Consumer<ObjectNode> change) {
        try {
            ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook(event, file));
            change.accept(p);
            return JSON.writeValueAsBytes(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issue comment from {@code login} on issue or pull request 2 of {@code repository}. */
    private static byte[] comment(String repository, String body, String login, boolean onPullRequest) {
        return fixture("issue_comment", "created.with-installation.payload.json", p -> {
            ((ObjectNode) p.get("comment")).put("body", body).put("id", COMMENT_IDS.incrementAndGet())
                    .put("created_at", java.time.Instant.now().toString());
            ((ObjectNode) p.get("issue")).put("number", 2);
            if (onPullRequest) {
                ((ObjectNode) p.get("issue")).putObject("pull_request").put("url", "https://api.github.com/repos/" + repository + "/pulls/2");
            }
            ((ObjectNode) p.get("sender")).put("login", login);
            ((ObjectNode) p.get("repository")).put("full_name", repository).put("default_branch", "main");
        });
    }

    private static byte[] prOpened(String repository) {
        return fixture("pull_request", "opened.payload.json", p -> ((ObjectNode) p.get("repository")).put("full_name", repository));
    }

    private static String nested(String open, String close, int depth) {
        return "{\"a\":" + open.repeat(depth) + close.repeat(depth) + "}";
    }

    private List<Case> corpus() {
        byte[] pr = Fixtures.webhook("pull_request", "opened.payload.json");
        List<Case> c = new ArrayList<>();
        // ---- signatures ----
        c.add(door("no signature", pr, Map.of("X-Hub-Signature-256", ""), 400));
        c.add(door("sha1 instead of sha256", pr, Map.of("X-Hub-Signature-256", "sha1=" + "ab".repeat(20)), 401));
        c.add(door("signature of another body", pr, Map.of("X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, "{}".getBytes())), 401));
        c.add(door("signature with another secret", pr, Map.of("X-Hub-Signature-256", SignatureVerifier.sign("not-the-secret", pr)), 401));
        c.add(door("signature cut short", pr, Map.of("X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, pr).substring(0, 40)), 401));
        c.add(door("signature not hex", pr, Map.of("X-Hub-Signature-256", "sha256=" + "zz".repeat(32)), 401));
        c.add(door("signature without its prefix", pr, Map.of("X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, pr).substring(7)), 401));
        c.add(door("signature with a space", pr, Map.of("X-Hub-Signature-256", "sha256= " + SignatureVerifier.sign(TestServer.SECRET, pr).substring(7)), 401));
        c.add(door("signature twice as long", pr, Map.of("X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, pr)
                + SignatureVerifier.sign(TestServer.SECRET, pr).substring(7)), 401));
        // ---- headers ----
        c.add(door("no event header", pr, Map.of("X-GitHub-Event", ""), 400));
        c.add(door("no delivery id", pr, Map.of("X-GitHub-Delivery", ""), 400));
        c.add(door("a delivery id of 5,000 characters", pr, Map.of("X-GitHub-Delivery", "d".repeat(5000)), 400));
        c.add(door("an event name of 500 characters", pr, Map.of("X-GitHub-Event", "e".repeat(500)), 400));
        c.add(door("text/plain", pr, Map.of("Content-Type", "text/plain"), 415));
        c.add(door("form-encoded, as a webhook left on the default", pr, Map.of("Content-Type", "application/x-www-form-urlencoded"), 415));
        c.add(door("no content type", pr, Map.of("Content-Type", ""), 415));
        // ---- bodies ----
        c.add(signed("an empty body", "pull_request", new byte[0], 400));
        c.add(signed("the JSON null", "pull_request", "null".getBytes(), 400));
        c.add(signed("an array", "pull_request", "[1,2,3]".getBytes(), 400));
        c.add(signed("a string", "pull_request", "\"opened\"".getBytes(), 400));
        c.add(signed("cut off half-way", "pull_request", java.util.Arrays.copyOf(pr, pr.length / 2), 400));
        c.add(signed("garbage after the object", "pull_request", (new String(pr, StandardCharsets.UTF_8) + "}{").getBytes(StandardCharsets.UTF_8), 400));
        c.add(signed("arrays nested 50,000 deep", "pull_request", nested("[", "]", 50_000).getBytes(), 400));
        c.add(signed("objects nested 50,000 deep", "pull_request", nested("{\"x\":", "}", 50_000).replace("{\"x\":}", "{\"x\":1}").getBytes(), 400));
        c.add(signed("NaN where a number goes", "pull_request", "{\"action\":\"opened\",\"number\":NaN}".getBytes(), 400));
        c.add(signed("single quotes", "pull_request", "{'action':'opened'}".getBytes(), 400));
        c.add(signed("invalid UTF-8 in a key", "pull_request", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, 400));
        c.add(signed("invalid UTF-8 in the action", "pull_request", new byte[] {'{', '"', 'a', 'c', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'}, 400));
        c.add(signed("a body of 26 MB", "pull_request", new byte[26 * 1024 * 1024], 413));
        c.add(signed("a body of 2 GB declared", "pull_request", new byte[0], 413));
        // ---- well-formed, but wrong types in known fields: stored, and ignored by every feature ----
        c.add(signed("installation id is text", "pull_request", fixture("pull_request", "opened.payload.json",
                p -> ((ObjectNode) p.get("installation")).put("id", "one")), 202));
        c.add(signed("installation id past a long", "pull_request", fixture("pull_request", "opened.payload.json",
                p -> ((ObjectNode) p.get("installation")).put("id", new java.math.BigInteger("99999999999999999999999"))), 400));
        c.add(signed("repository is a number", "pull_request", fixture("pull_request", "opened.payload.json", p -> p.put("repository", 42)), 202));
        c.add(signed("repository name climbing out", "pull_request", prOpened("../../admin"), 400));
        c.add(signed("repository name with three parts", "pull_request", prOpened("a/b/c"), 400));
        c.add(signed("repository name ..", "pull_request", prOpened("a/.."), 400));
        c.add(signed("action is an object", "pull_request", fixture("pull_request", "opened.payload.json", p -> p.putObject("action").put("x", 1)), 202));
        c.add(signed("the number is text, and comes first", "pull_request", "{\"number\":\"two\",\"action\":\"opened\"}".getBytes(), 202));
        c.add(signed("pull request number is negative", "pull_request", fixture("pull_request", "opened.payload.json", p -> p.put("number", -7)), 202));
        c.add(signed("pull request is a string", "pull_request", fixture("pull_request", "opened.payload.json", p -> p.put("pull_request", "x")), 202));
        c.add(signed("an unknown event", "team_add_but_not_really", "{\"action\":\"x\"}".getBytes(), 202));
        c.add(signed("an event name that is a path", "../../etc/passwd", "{\"action\":\"x\"}".getBytes(), 400));
        // ---- repositories the installation does not cover ----
        c.add(signed("a pull request of a repository not installed", "pull_request", prOpened("someone-else/private"), 202));
        c.add(signed("a release command in a repository not installed", "issue_comment", comment("someone-else/private", "/release start", "Codertocat", false), 202));
        // ---- commands with injection in their arguments ----
        for (String cmd : List.of("/release start 1.2.3; rm -rf /", "/release start ../../1.2.3", "/release start 1.2.3 && curl evil.example",
                "/release start 99999999.0.0", "/release start 1.2.3\u0000", "/release owner @$(whoami)", "/release owner @a/../b",
                "/release tag --force; git push --delete origin main", "/release tag --force --force", "/release sync main", "/release bump `id`")) {
            c.add(signed("command: " + cmd, "issue_comment", comment(REPO, cmd, "Codertocat", false), 202));
        }
        for (String cmd : List.of("/cherry-pick release-1.30.0/../main", "/cherry-pick ..", "/cherry-pick -f", "/cherry-pick release-1.30.0.lock",
                "/backport $(reboot)", "/cherry-pick refs/heads/main")) {
            c.add(signed("command: " + cmd, "issue_comment", comment(REPO, cmd, "Codertocat", true), 202));
        }
        c.add(signed("a reader's /release start", "issue_comment", comment(REPO, "/release start", "reader", false), 202));
        c.add(signed("a stranger's /release tag --force", "issue_comment", comment(REPO, "/release tag --force", "mallory", false), 202));
        c.add(signed("a reader's /emergency", "issue_comment", comment(REPO, "/emergency everything is on fire", "reader", true), 202));
        c.add(signed("a bot's /release start", "issue_comment", fixture("issue_comment", "created.with-installation.payload.json", p -> {
            ((ObjectNode) p.get("comment")).put("body", "/release start");
            ((ObjectNode) p.get("sender")).put("type", "Bot");
        }), 202));
        c.add(signed("a command in an edited comment", "issue_comment", fixture("issue_comment", "edited.payload.json", p -> {
            ((ObjectNode) p.get("comment")).put("body", "/release start");
            p.putObject("installation").put("id", 1);
        }), 202));
        c.add(signed("three hundred release commands in one comment", "issue_comment", comment(REPO, "/release frobnicate\n".repeat(300), "Codertocat", false), 202));
        c.add(signed("a command inside a code block", "issue_comment", comment(REPO, "```\n/release start\n```", "Codertocat", false), 202));
        // ---- repository config that is hostile ----
        c.add(signed("a billion-laughs config, pull request opened", "pull_request", prOpened("acme/bomb"), 202));
        c.add(signed("a billion-laughs config, /release start", "issue_comment", comment("acme/bomb", "/release start", "Codertocat", false), 202));
        c.add(signed("a config with an alias", "pull_request", prOpened("acme/alias"), 202));
        c.add(signed("a branch prefix climbing out", "issue_comment", comment("acme/prefix", "/release start", "Codertocat", false), 202));
        c.add(signed("a version file outside the repository", "issue_comment", comment("acme/files", "/release bump", "Codertocat", false), 202));
        c.add(signed("a cherry-pick target climbing out", "pull_request", fixture("pull_request", "closed.payload.json", p -> {
            ObjectNode pull = (ObjectNode) p.get("pull_request");
            pull.put("merged", true).put("merge_commit_sha", bare.resolve("refs/heads/main"));
            pull.putArray("labels").addObject().put("name", "release-1.30.0");
            ((ObjectNode) p.get("repository")).put("full_name", "acme/target");
        }), 202));
        // ---- labels and refs with tricks in their names ----
        c.add(signed("a release label with a shell tail", "pull_request", fixture("pull_request", "closed.payload.json", p -> {
            ObjectNode pull = (ObjectNode) p.get("pull_request");
            pull.put("merged", true).put("merge_commit_sha", bare.resolve("refs/heads/main"));
            pull.putArray("labels").addObject().put("name", "release-1.2.3; rm -rf /");
        }), 202));
        c.add(signed("a branch created with a path in its name", "create", fixture("create", "payload.json", p -> {
            p.put("ref", "release-../../1.2.3").put("ref_type", "branch");
            p.putObject("installation").put("id", 1);
        }), 202));
        return c;
    }

    private static Case door(String name, byte[] body, Map<String, String> override, int status) {
        return new Case(name, "pull_request", body, override, status);
    }

    private static Case signed(String name, String event, byte[] body, int status) {
        return new Case(name, event, body, Map.of(), status);
    }

    /** Sends the head of a request declaring {@code length} bytes and a few of them; returns the status line's start. */
    private String declaredOnly(Map<String, String> headers, long length) throws Exception {
        StringBuilder head = new StringBuilder("POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length + "\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.app().port())) {
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void everyHostileRequestGetsAClearRefusalAndChangesNothing() throws Exception {
        List<Case> corpus = corpus();
        assertTrue(corpus.size() >= 50, "at least 50 cases: " + corpus.size());
        List<String> accepted = new ArrayList<>();
        for (Case c : corpus) {
            String id = UUID.randomUUID().toString();
            Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json", "X-GitHub-Event", c.event(),
                    "X-GitHub-Delivery", id, "X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, c.body())));
            headers.putAll(c.headers());
            headers.values().removeIf(String::isEmpty); // an empty override means: no such header
            if (c.status() == 413) {
                // the door answers from the declared length without reading the body, then closes: a raw socket sees that
                long length = c.body().length == 0 ? 2L << 30 : c.body().length;
                assertEquals("HTTP/1.1 413", declaredOnly(headers, length), c.name());
            } else {
                HttpResponse<String> r;
                try {
                    r = server.post("/webhook", headers, c.body());
                } catch (java.io.IOException e) {
                    throw new AssertionError(c.name() + ": no answer", e);
                }
                assertEquals(c.status(), r.statusCode(), c.name() + ": " + r.body());
                assertTrue(!r.body().isBlank(), c.name() + ": every answer says why");
                if (r.statusCode() == 202) {
                    accepted.add(id + " " + c.name());
                }
            }
            assertEquals(200, server.get("/healthz").statusCode(), "healthy after " + c.name());
        }
        for (String a : accepted) {
            StoredDelivery d = server.awaitFinished(a.substring(0, 36));
            if (a.contains("not installed")) {
                // GitHub only sends what an installation covers: its 404 is final, so the delivery ends at once, saying why
                assertEquals(DeliveryState.DONE, d.state(), a + ": " + d);
                assertEquals(1, d.attempts(), "not retried: " + d);
                assertTrue(d.lastError().contains("final answer") && d.lastError().contains("answered 404"), d.toString());
            } else {
                assertEquals(DeliveryState.DONE, d.state(), a + ": " + d);
            }
        }
        try (Database db = Database.open(server.databaseUrl())) {
            assertEquals(List.of(), db.query("SELECT id || ' ' || state FROM deliveries WHERE state IN ('pending', 'processing', 'failed') "
                    + "AND event <> ?", rs -> rs.getString(1), "release_train.calendar"), "no delivery left half-way");
        }
        List<String> effects = github.apiCalls().stream().filter(call -> !call.startsWith("GET "))
                .filter(call -> ANSWERS.stream().noneMatch(p -> p.matcher(call.split("\\?")[0]).matches())).toList();
        assertEquals(List.of(), effects, "no write beyond reactions, replies and check runs");
        assertEquals(Set.of("refs/heads/main", "refs/heads/release-1.30.0", "refs/tags/1.29.0"),
                Set.copyOf(bare.git(Map.of(), "for-each-ref", "--format=%(refname)")[1].lines().toList()), "no ref made");
        assertEquals(List.of(), repo.issues(REPO));
        assertEquals(null, repo.repoLabel(REPO, "release-1.2.3; rm -rf /"), "no label made from hostile text");
        String replies = String.join("\n", repo.comments(REPO, 2).stream().map(n -> n.path("body").asText()).toList());
        assertTrue(replies.contains("is not a version"), replies);
        assertTrue(replies.contains("Only the first 10 release commands of a comment are read"), replies);
        String bomb = String.join("\n", repo.comments("acme/bomb", 2).stream().map(n -> n.path("body").asText()).toList());
        assertTrue(bomb.contains("is invalid, so no release command can run"), bomb);
        assertTrue(repo.comments("acme/prefix", 2).get(0).path("body").asText().contains("release.branch-prefix"), "the bad key named");
        assertTrue(repo.comments("acme/files", 2).get(0).path("body").asText().contains("release.version-files[0].path"));
        assertEquals(200, server.get("/readyz").statusCode());
    }
}
