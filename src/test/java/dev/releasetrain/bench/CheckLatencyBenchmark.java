package dev.releasetrain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.migrations.CheckMigrations;
import dev.releasetrain.review.ReviewCheck;
import dev.releasetrain.size.LabelPullRequestSize;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Latency to a visible check: a fake GitHub that answers every call after {@code --delay} ms (GitHub's usual is about
 * 100), and the time from sending a synchronize delivery to its three check runs existing on the fake. Pull requests
 * are opened first (not measured), then each gets {@code --pushes} pushes, one after another.
 *
 * <pre>java ... CheckLatencyBenchmark [--prs 20] [--pushes 5] [--delay 100]</pre>
 */
public final class CheckLatencyBenchmark {
    private static final String REPO = "Codertocat/Hello-World";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHECKS = List.of(ReviewCheck.CHECK, LabelPullRequestSize.CHECK, CheckMigrations.CHECK);

    private CheckLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int prs = 20;
        int pushes = 5;
        int delay = 100;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--prs" -> prs = Integer.parseInt(args[i + 1]);
                case "--pushes" -> pushes = Integer.parseInt(args[i + 1]);
                case "--delay" -> delay = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            FakeRepository repo = github.repository();
            Map<String, String> env = TestServer.settings(github.url());
            try (TestServer server = TestServer.start(env, Features::all)) {
                ObjectNode template = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
                List<ObjectNode> pulls = new ArrayList<>();
                for (int n = 1; n <= prs; n++) {
                    ObjectNode pr = ((ObjectNode) template.get("pull_request")).deepCopy();
                    pr.put("number", n).put("changed_files", 2).put("additions", 40).put("deletions", 5).putArray("labels");
                    pulls.add(pr);
                    repo.pullRequestFiles(REPO, n, List.of(FakeRepository.changedFile("src/a" + n + ".py", 30, 5),
                            FakeRepository.changedFile("db/migrations/" + n + ".sql", 2, 0)));
                    deliver(server, repo, pr, "opened", sha(n, 0));
                }
                github.wireMock().setGlobalFixedDelay(delay);
                long calls0 = calls(server);
                long[] millis = new long[prs * pushes];
                int k = 0;
                for (int round = 1; round <= pushes; round++) {
                    for (ObjectNode pr : pulls) {
                        String head = sha(pr.path("number").asInt(), round);
                        long t0 = System.nanoTime();
                        deliver(server, repo, pr, "synchronize", head);
                        while (!CHECKS.stream().allMatch(name -> !repo.checkRuns(head, name).isEmpty())) {
                            Thread.sleep(2);
                        }
                        millis[k++] = (System.nanoTime() - t0) / 1_000_000;
                        github.wireMock().resetRequests();
                    }
                }
                long used = calls(server) - calls0;
                Arrays.sort(millis);
                System.out.printf("%d synchronize deliveries, GitHub answering after %d ms: three check runs visible after "
                                + "p50 %d ms, p99 %d ms, max %d ms; %.2f GitHub calls per delivery%n", millis.length, delay,
                        millis[millis.length / 2], millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)],
                        millis[millis.length - 1], used / (double) millis.length);
            }
        }
    }

    private static void deliver(TestServer server, FakeRepository repo, ObjectNode pr, String action, String head) throws Exception {
        int n = pr.path("number").asInt();
        ((ObjectNode) pr.get("head")).put("sha", head);
        repo.file(REPO, head, "db/migrations/" + n + ".sql", "ALTER TABLE t ADD COLUMN c" + n + " int;\n");
        // as GitHub sends it: with the labels the pull request has now, the bot's size label among them
        com.fasterxml.jackson.databind.node.ArrayNode labels = pr.putArray("labels");
        repo.labels(REPO, n).forEach(l -> labels.addObject().put("name", l));
        repo.pullRequest(REPO, n, pr);
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        p.put("action", action).put("number", n).set("pull_request", pr.deepCopy());
        int status = server.deliver("pull_request", UUID.randomUUID().toString(), JSON.writeValueAsBytes(p)).statusCode();
        if (status != 202) {
            throw new IllegalStateException("answered " + status);
        }
    }

    private static long calls(TestServer server) throws Exception {
        return (long) server.get("/metrics").body().lines().filter(l -> l.startsWith("releasetrain_github_calls_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String sha(int n, int round) {
        return String.format("%08x%032x", n, round);
    }
}
