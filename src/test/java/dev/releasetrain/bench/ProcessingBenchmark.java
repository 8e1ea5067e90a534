package dev.releasetrain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.ChildServer;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Processing: deliveries over many pull requests handled by the whole app (every feature) against the fake GitHub,
 * phase by phase, so the GitHub calls each kind of delivery costs can be counted. Prints deliveries processed per
 * second and calls per delivery for each phase, and checks that every delivery sent is in the store, done.
 *
 * <pre>java ... ProcessingBenchmark [--prs 500] [--workers 4] [--senders 16] [--jar target/release-train.jar] [--routes true]</pre>
 * --routes true also prints each phase's calls per delivery by route.
 * The server runs in a process of its own, started through {@code bin/release-train}, so the peak RSS printed at
 * the end is the server's as deployed.
 * 500 pull requests make 10,000 deliveries: per pull request 1 opened, 4 synchronize, 4 reviews, 4 labels,
 * 4 comments, 2 edits of its description, 1 merge.
 */
public final class ProcessingBenchmark {
    private static final String REPO = "Codertocat/Hello-World";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessingBenchmark() {
    }

    private record Phase(String name, String event, int perPr) {
    }

    public static void main(String[] args) throws Exception {
        int prs = 500;
        String workers = "4";
        int senders = 16;
        String jar = "target/release-train.jar";
        boolean byRoute = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--prs" -> prs = Integer.parseInt(args[i + 1]);
                case "--workers" -> workers = args[i + 1];
                case "--senders" -> senders = Integer.parseInt(args[i + 1]);
                case "--jar" -> jar = args[i + 1];
                case "--routes" -> byRoute = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            FakeRepository repo = github.repository();
            for (String login : List.of("Codertocat", "alice", "bob", "carol", "dave")) {
                repo.permission(REPO, login, "write");
            }
            Map<String, String> env = TestServer.settings(github.url());
            env.put("WORKERS", workers);
            github.wireMock().resetRequests();
            Path dir = Files.createTempDirectory("rt-processing");
            // a server process of its own, through the launcher: its memory is the server's, not this program's
            try (ChildServer server = new ChildServer(env, dir.resolve("bench.db")).throughLauncher(Path.of(jar)).start()) {
                ObjectNode opened = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
                List<ObjectNode> pulls = new ArrayList<>();
                for (int n = 1; n <= prs; n++) {
                    ObjectNode pr = ((ObjectNode) opened.get("pull_request")).deepCopy();
                    pr.put("number", n).put("changed_files", 3).put("additions", 40).put("deletions", 5).put("merged", false);
                    ((ObjectNode) pr.get("head")).put("sha", sha(n, 0));
                    pr.putArray("labels");
                    pulls.add(pr);
                    repo.pullRequest(REPO, n, pr);
                    repo.pullRequestFiles(REPO, n, List.of(FakeRepository.changedFile("src/a" + n + ".py", 30, 5),
                            FakeRepository.changedFile("src/b" + n + ".py", 8, 0), FakeRepository.changedFile("db/migrations/" + n + ".sql", 2, 0)));
                    repo.file(REPO, sha(n, 0), "db/migrations/" + n + ".sql", "ALTER TABLE t ADD COLUMN c" + n + " int;\n");
                }
                List<Phase> phases = List.of(new Phase("opened", "pull_request", 1), new Phase("synchronize", "pull_request", 4),
                        new Phase("review submitted", "pull_request_review", 4), new Phase("labeled", "pull_request", 4),
                        new Phase("comment created", "issue_comment", 4), new Phase("edited", "pull_request", 2),
                        new Phase("closed (merged)", "pull_request", 1));
                ExecutorService pool = Executors.newFixedThreadPool(senders);
                long sentTotal = 0;
                long started = System.nanoTime();
                long callsBefore = calls(server);
                System.out.printf("%d pull requests, %s workers, %d senders, every feature on%n", prs, workers, senders);
                System.out.printf("%-18s %8s %9s %12s %14s%n", "phase", "sent", "seconds", "processed/s", "calls/delivery");
                for (Phase phase : phases) {
                    List<byte[]> bodies = new ArrayList<>();
                    for (int round = 1; round <= phase.perPr(); round++) {
                        for (ObjectNode pr : pulls) {
                            bodies.add(payload(phase, pr, round, repo));
                        }
                    }
                    long t0 = System.nanoTime();
                    long c0 = calls(server);
                    Map<String, Double> routes0 = routes(server);
                    List<Future<?>> sends = new ArrayList<>();
                    for (byte[] body : bodies) {
                        sends.add(pool.submit(() -> {
                            int status = server.deliver(phase.event(), UUID.randomUUID().toString(), body);
                            if (status != 202) {
                                throw new IllegalStateException("answered " + status);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> send : sends) {
                        send.get();
                    }
                    awaitFinished(server, sentTotal + bodies.size());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long used = calls(server) - c0;
                    sentTotal += bodies.size();
                    github.wireMock().resetRequests(); // the fake's journal would otherwise hold every call of the run
                    System.out.printf("%-18s %8d %9.1f %12.0f %14.2f%n", phase.name(), bodies.size(), seconds, bodies.size() / seconds,
                            used / (double) bodies.size());
                    if (byRoute) {
                        routes(server).forEach((route, n) -> {
                            double perDelivery = (n - routes0.getOrDefault(route, 0.0)) / bodies.size();
                            if (perDelivery > 0) {
                                System.out.printf("    %-60s %6.2f%n", route, perDelivery);
                            }
                        });
                    }
                }
                pool.shutdown();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%-18s %8d %9.1f %12.0f %14.2f%n", "all", sentTotal, seconds, sentTotal / seconds,
                        (calls(server) - callsBefore) / (double) sentTotal);
                try (Database db = Database.open(server.databaseUrl())) {
                    List<String> states = db.query("SELECT state || ' ' || COUNT(*) FROM deliveries WHERE event NOT LIKE 'release_train.%' GROUP BY state",
                            rs -> rs.getString(1));
                    System.out.println("in the store: " + states + " (sent " + sentTotal + ")");
                }
                System.out.printf("server peak RSS: %d MB%n", IngestBenchmark.peakRssKb(server.pid()) / 1024);
            }
        }
    }

    /** Waits until {@code count} deliveries from GitHub (not the bot's own follow-ups) are done or dead. */
    private static void awaitFinished(ChildServer server, long count) throws Exception {
        try (Database db = Database.open(server.databaseUrl())) {
            while (db.query("SELECT COUNT(*) FROM deliveries WHERE state IN ('done', 'dead') AND event NOT LIKE 'release_train.%'",
                    rs -> rs.getLong(1)).get(0) < count) {
                Thread.sleep(20);
            }
        }
    }

    /** GitHub calls the app has made by route and method (statuses added up), from its own metrics. */
    private static Map<String, Double> routes(ChildServer server) throws Exception {
        Map<String, Double> byRoute = new java.util.TreeMap<>();
        server.metrics().lines().filter(l -> l.startsWith("releasetrain_github_calls_total{")).forEach(l -> {
            String labels = l.substring(l.indexOf('{') + 1, l.lastIndexOf('}')).replaceAll(",?status=\"[^\"]*\"", "");
            byRoute.merge(labels, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
        });
        return byRoute;
    }

    /** GitHub calls the app has made, from its own metrics. */
    private static long calls(ChildServer server) throws Exception {
        return (long) routes(server).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String sha(int n, int round) {
        return String.format("%08x%032x", n, round);
    }

    private static byte[] payload(Phase phase, ObjectNode pr, int round, FakeRepository repo) throws Exception {
        int n = pr.path("number").asInt();
        ObjectNode p;
        switch (phase.name()) {
            case "synchronize" -> {
                ((ObjectNode) pr.get("head")).put("sha", sha(n, round));
                repo.file(REPO, sha(n, round), "db/migrations/" + n + ".sql", "ALTER TABLE t ADD COLUMN c" + n + " int;\n");
                p = event("pull_request", "synchronize.payload.json", pr);
            }
            case "review submitted" -> {
                String reviewer = List.of("alice", "bob", "carol", "dave").get(round - 1);
                repo.review(REPO, n, reviewer, false, "APPROVED", pr.path("head").path("sha").asText());
                p = event("pull_request_review", "submitted.payload.json", pr);
                ObjectNode review = ((ObjectNode) p.get("review")).put("state", "approved").put("commit_id", pr.path("head").path("sha").asText());
                review.putObject("user").put("login", reviewer).put("type", "User");
            }
            case "labeled" -> {
                String label = List.of("bug", "highlight", "docs", "enhancement").get(round - 1);
                ((ArrayNode) pr.get("labels")).addObject().put("name", label);
                p = event("pull_request", "labeled.payload.json", pr);
                p.putObject("label").put("name", label);
            }
            case "comment created" -> {
                p = (ObjectNode) JSON.readTree(Fixtures.webhook("issue_comment", "created.with-installation.payload.json"));
                ((ObjectNode) p.get("issue")).put("number", n).putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/" + n);
                ((ObjectNode) p.get("comment")).put("body", "Looks good to me, one nit " + round).put("id", n * 10L + round)
                        .put("created_at", java.time.Instant.now().toString());
            }
            case "edited" -> {
                pr.put("body", "Description, edit " + round);
                p = event("pull_request", "opened.payload.json", pr);
                p.put("action", "edited");
            }
            case "closed (merged)" -> {
                pr.put("state", "closed").put("merged", true).put("merge_commit_sha", sha(n, 99)).put("merged_at", "2026-11-20T10:00:00Z");
                p = event("pull_request", "closed.payload.json", pr);
            }
            default -> p = event("pull_request", "opened.payload.json", pr);
        }
        repo.pullRequest(REPO, n, pr);
        // as GitHub sends it: the pull request with the labels it has now, the bot's size label among them
        if (!p.has("pull_request")) {
            return JSON.writeValueAsBytes(p);
        }
        ArrayNode labels = (ArrayNode) p.get("pull_request").get("labels");
        List<String> have = new ArrayList<>();
        labels.forEach(l -> have.add(l.path("name").asText()));
        repo.labels(REPO, n).stream().filter(l -> !have.contains(l)).forEach(l -> labels.addObject().put("name", l));
        return JSON.writeValueAsBytes(p);
    }

    private static ObjectNode event(String event, String fixture, ObjectNode pr) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook(event, fixture));
        p.put("number", pr.path("number").asInt()).set("pull_request", pr.deepCopy());
        if (!p.has("installation")) {
            p.putObject("installation").put("id", 1);
        }
        return p;
    }
}
