package dev.releasetrain.migrations;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.releasetrain.Features;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migrations check through the webhook door, with WireMock as both GitHub and the migration status API. */
@NeedsSharedFixtures
class MigrationChecksTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String API_PATH = "/v1/migrations/check";
    private static final String MIGRATION = "posthog/migrations/0300_remove_legacy.py";
    private static final String MIGRATION_TEXT = """
            from django.db import migrations

            class Migration(migrations.Migration):
                operations = [
                    migrations.RemoveField(model_name="team", name="legacy_token"),
                ]
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private FakeGitHub github;
    private FakeRepository repo;
    private WireMockServer api;
    private TestServer server;

    @BeforeEach
    void start() {
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        api.stop();
        github.close();
    }

    private void startServer(boolean withApi) throws Exception {
        Map<String, String> env = new HashMap<>(TestServer.settings(github.url()));
        env.put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("m.db"));
        if (withApi) {
            env.put("MIGRATION_STATUS_API_URL", "http://127.0.0.1:" + api.port() + API_PATH);
            env.put("MIGRATION_STATUS_API_TOKEN", "status-api-token");
        }
        server = TestServer.start(env, Features::all);
    }

    private void pullRequestWithMigration(String head) {
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile(MIGRATION, 7, 0), FakeRepository.changedFile("posthog/api/team.py", 3, 1)));
        repo.file(REPO, head, MIGRATION, MIGRATION_TEXT);
    }

    private void deliverPullRequest(String action, String head) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        payload.put("action", action);
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("changed_files", 2);
        ((ObjectNode) pr.get("head")).put("sha", head);
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("pull_request", id, JSON.writeValueAsBytes(payload)).statusCode());
        server.awaitFinished(id);
    }

    private JsonNode awaitCheck(String head, String conclusion) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> runs = repo.checkRuns(head, CheckMigrations.CHECK);
            if (!runs.isEmpty()) {
                last = runs.get(0);
                if (conclusion.equals(last.path("conclusion").asText(null))) {
                    assertEquals(1, runs.size(), "one check run per commit");
                    return last;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + conclusion + " check for " + head + "; last: " + last);
    }

    private static ResponseDefinitionBuilder answer(String state, String extra) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"state\":\"" + state + "\",\"summary\":\"" + state + " from the API\"" + extra + "}");
    }

    private void apiAnswers(ResponseDefinitionBuilder... answers) {
        String scenario = "answers";
        for (int i = 0; i < answers.length; i++) {
            var stub = post(urlEqualTo(API_PATH)).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "s" + i).willReturn(answers[i]);
            if (i + 1 < answers.length) {
                stub = stub.willSetStateTo("s" + (i + 1));
            }
            api.stubFor(stub);
        }
    }

    @Test
    void theRequestCarriesThePathsAndContents_andSuccessTurnsTheCheckGreen() throws Exception {
        String head = "1".repeat(40);
        pullRequestWithMigration(head);
        apiAnswers(answer("success", ",\"details_url\":\"https://status.example/runs/7\""));
        startServer(true);
        deliverPullRequest("opened", head);
        JsonNode check = awaitCheck(head, "success");
        assertEquals("https://status.example/runs/7", check.path("details_url").asText());
        LoggedRequest sent = api.findAll(anyRequestedFor(urlEqualTo(API_PATH))).get(0);
        assertEquals("Bearer status-api-token", sent.getHeader("Authorization"));
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertEquals(REPO, body.path("repository").asText());
        assertEquals(2, body.path("pull_request").asInt());
        assertEquals(head, body.path("head_sha").asText());
        assertEquals("master", body.path("base_ref").asText());
        assertEquals(1, body.path("migrations").size(), "only files under migrations.paths");
        assertEquals(MIGRATION, body.path("migrations").get(0).path("path").asText());
        assertEquals("modified", body.path("migrations").get(0).path("status").asText());
        assertEquals(MIGRATION_TEXT, body.path("migrations").get(0).path("content").asText(), "content read at the head");
    }

    @Test
    void aFailureShowsTheFindingsOnTheFiles() throws Exception {
        String head = "2".repeat(40);
        pullRequestWithMigration(head);
        apiAnswers(answer("failure", ",\"findings\":[{\"path\":\"" + MIGRATION + "\",\"line\":6,\"severity\":\"failure\","
                + "\"message\":\"legacy_token is still read by 1.29\"}]"));
        startServer(true);
        deliverPullRequest("opened", head);
        JsonNode check = awaitCheck(head, "failure");
        JsonNode note = check.path("output").path("annotations").get(0);
        assertEquals(MIGRATION, note.path("path").asText());
        assertEquals(6, note.path("start_line").asInt());
        assertEquals("failure", note.path("annotation_level").asText());
        assertEquals("failure from the API", check.path("output").path("title").asText());
    }

    @Test
    void pendingTwiceThenSuccess_and202WithRetryAfter() throws Exception {
        String head = "3".repeat(40);
        pullRequestWithMigration(head);
        apiAnswers(answer("pending", "").withHeader("Retry-After", "1"),
                aResponse().withStatus(202).withHeader("Retry-After", "1"),
                answer("success", ""));
        startServer(true);
        deliverPullRequest("opened", head);
        assertEquals("in_progress", repo.checkRuns(head, CheckMigrations.CHECK).get(0).path("status").asText());
        awaitCheck(head, "success");
        assertEquals(3, api.findAll(anyRequestedFor(urlEqualTo(API_PATH))).size());
    }

    @Test
    void aRestartWhileWaitingStillLandsTheAnswer() throws Exception {
        String head = "6".repeat(40);
        pullRequestWithMigration(head);
        apiAnswers(answer("pending", "").withHeader("Retry-After", "2"), answer("success", ""));
        startServer(true);
        deliverPullRequest("opened", head);
        server.close(); // the wait is in the store, not in a thread
        server = null;
        startServer(true);
        awaitCheck(head, "success");
    }

    @Test
    void anAlterFieldIsJudgedAgainstTheFieldsDefinitionAtTheBase() throws Exception {
        String base = JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json")).path("pull_request").path("base").path("ref").asText();
        repo.file(REPO, base, "posthog/migrations/__init__.py", "");
        repo.file(REPO, base, "posthog/migrations/0001_initial.py", """
                from django.db import migrations, models

                class Migration(migrations.Migration):
                    operations = [
                        migrations.CreateModel(name="Team", fields=[("id", models.AutoField(primary_key=True)),
                                                                    ("name", models.CharField(max_length=200, null=True))]),
                    ]
                """);
        String path = "posthog/migrations/0002_team_name.py";
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile(path, 7, 0)));
        String notNull = "c".repeat(40);
        repo.file(REPO, notNull, path, alterTeamName("models.CharField(max_length=200)"));
        startServer(false);
        deliverPullRequest("opened", notNull);
        JsonNode failed = awaitCheck(notNull, "failure");
        String message = failed.path("output").path("annotations").get(0).path("message").asText();
        assertTrue(message.startsWith("AlterField makes team.name NOT NULL"), message);

        String longer = "d".repeat(40);
        repo.file(REPO, longer, path, alterTeamName("models.CharField(max_length=300, null=True)"));
        deliverPullRequest("synchronize", longer);
        assertEquals("1 migration backwards compatible", awaitCheck(longer, "success").path("output").path("title").asText(),
                "a longer column that still allows NULL breaks nothing");
    }

    private static String alterTeamName(String field) {
        return "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [\n"
                + "        migrations.AlterField(model_name=\"team\", name=\"name\", field=" + field + "),\n    ]\n";
    }

    @Test
    void aMigrationTooLargeToCheckOrOneGitHubCannotGiveFailsUnread() throws Exception {
        String head = "a".repeat(40);
        String big = "posthog/migrations/0301_backfill.sql";
        String lost = "posthog/migrations/0302_gone.sql";
        StringBuilder sql = new StringBuilder();
        while (sql.length() < 2 * 1024 * 1024) { // 2 MB: over the contents API's 1 MB, so GitHub leaves its content out
            sql.append("INSERT INTO audit_log (id, note) VALUES (").append(sql.length()).append(", 'backfilled');\n");
        }
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile(big, 20_000, 0)));
        repo.file(REPO, head, big, sql.toString());
        startServer(false);
        deliverPullRequest("opened", head);
        JsonNode check = awaitCheck(head, "failure");
        assertTrue(check.path("output").path("summary").asText().contains("too large to check"), check.toString());
        assertTrue(github.apiCalls().stream().noneMatch(c -> c.contains("/git/blobs/")), "its 2 MB never read: " + github.apiCalls());

        String next = "b".repeat(40); // a file the pull request lists but GitHub cannot give: a failure, never a pass
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile(lost, 3, 0)));
        deliverPullRequest("synchronize", next);
        JsonNode failed = awaitCheck(next, "failure");
        assertTrue(failed.path("output").path("summary").asText().contains(lost + " could not be read"), failed.toString());
    }

    @Test
    void labellingTheContractStageReRunsTheCheck_andTheAdviceNamesTheConfiguredLabel() throws Exception {
        String head = "d".repeat(40);
        String drop = "posthog/migrations/0400_drop_legacy.sql";
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile(drop, 1, 0)));
        repo.file(REPO, head, drop, "ALTER TABLE posthog_team DROP COLUMN legacy_flag;\n");
        repo.file(REPO, null, ".github/release-train.yml", "migrations:\n  contract-label: stage/contract\n");
        startServer(false);
        deliverPullRequest("opened", head);
        JsonNode failed = awaitCheck(head, "failure");
        assertTrue(failed.path("output").path("annotations").toString().contains("(label that pull request stage/contract)"), failed.toString());

        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        payload.put("action", "labeled");
        payload.putObject("label").put("name", "stage/contract");
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        ((ObjectNode) pr.get("head")).put("sha", head);
        pr.putArray("labels").addObject().put("name", "stage/contract");
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("pull_request", id, JSON.writeValueAsBytes(payload)).statusCode());
        server.awaitFinished(id);
        JsonNode passed = awaitCheck(head, "success");
        assertTrue(passed.path("output").path("title").asText().contains("1 warning"), passed.toString());
    }

    @Test
    void aThousandMigrationFilesFailClosedWithoutReadingOne() throws Exception {
        String head = "c".repeat(40);
        List<ObjectNode> files = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            files.add(FakeRepository.changedFile(String.format("posthog/migrations/%04d_step.py", i), 5, 0));
        }
        repo.pullRequestFiles(REPO, 2, files);
        startServer(false);
        github.wireMock().resetRequests();
        long started = System.nanoTime();
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("changed_files", 1000);
        ((ObjectNode) pr.get("head")).put("sha", head);
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("pull_request", id, JSON.writeValueAsBytes(payload)).statusCode());
        JsonNode check = awaitCheck(head, "failure");
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(check.path("output").path("title").asText().startsWith("1000 migration files"), check.toString());
        server.awaitFinished(id);
        List<String> calls = github.apiCalls();
        System.out.println("1,000 migration files: the check concluded in " + seconds + " s with " + calls.size() + " GitHub calls");
        assertTrue(seconds < 120, seconds + " s");
        assertTrue(calls.size() <= 150, calls.size() + " calls: " + calls);
        assertTrue(calls.stream().noneMatch(c -> c.contains("/contents/posthog/migrations/")), "no migration file was read");
    }
}
