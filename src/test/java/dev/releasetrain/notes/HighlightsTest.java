package dev.releasetrain.notes;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.cherrypick.CherryPickRecords;
import dev.releasetrain.cherrypick.SqlCherryPickRecords;
import dev.releasetrain.cli.NotesCommand;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Highlights and release notes, kept from webhooks through the door. */
@NeedsSharedFixtures
class HighlightsTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        server = TestServer.start(TestServer.settings(github.url()), Features::all);
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
    }

    private void merged(String action, long number, String title, String author, String association, String body,
                        List<String> labels, Instant mergedAt, String label) throws Exception {
        mergedInto("main", action, number, title, author, association, body, labels, mergedAt, label);
    }

    private void mergedInto(String base, String action, long number, String title, String author, String association, String body,
                            List<String> labels, Instant mergedAt, String label) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "closed.payload.json"));
        payload.put("action", action).put("number", number);
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("number", number).put("title", title).put("merged", true).put("merged_at", mergedAt.toString())
                .put("author_association", association).put("body", body).put("merge_commit_sha", "f".repeat(40));
        ((ObjectNode) pr.get("user")).put("login", author);
        ((ObjectNode) pr.get("base")).put("ref", base);
        ArrayNode l = pr.putArray("labels");
        labels.forEach(n -> l.addObject().put("name", n));
        if (label != null) {
            payload.putObject("label").put("name", label);
        }
        deliver("pull_request", payload);
    }

    private void deliver(String event, ObjectNode payload) throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver(event, id, JSON.writeValueAsBytes(payload)).statusCode());
        var done = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, done.state(), done.toString());
    }

    private String notes(String version) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new NotesCommand(ServerSettings.load(Map.of("DATABASE_URL", server.databaseUrl()), Path.of("no.env")))
                .run(List.of("--repo", REPO, "--release", version), new PrintStream(out, true));
        return out.toString();
    }

    @Test
    void highlightsAddedEditedAndRemovedAreReflectedInTheNotes() throws Exception {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        merged("closed", 2, "Speed up funnels", "octo-friend", "CONTRIBUTOR",
                "Rewrites the query.\n\n```release-note\nFunnels load twice as fast.\n```\n", List.of("highlight", "feature"), hourAgo, null);
        merged("closed", 3, "Fix crash on empty dashboards", "newbie", "FIRST_TIME_CONTRIBUTOR", "", List.of("bug"),
                hourAgo.plusSeconds(60), null);
        merged("closed", 5, "Bump jackson from 2.17 to 2.18", "dependabot[bot]", "NONE", "", List.of("dependencies"), hourAgo.plusSeconds(90), null);
        merged("closed", 6, "Release 1.29.0: bring the version back", "release-train[bot]", "NONE", "", List.of(), hourAgo.plusSeconds(120), null);
        ObjectNode create = (ObjectNode) JSON.readTree(Fixtures.webhook("create", "with-installation.payload.json"));
        create.put("ref", "release-1.30.0").put("ref_type", "branch");
        deliver("create", create); // the freeze: release-1.30.0 is cut now
        merged("closed", 4, "Dark mode", "Codertocat", "OWNER", "", List.of("highlight"), Instant.now().plusSeconds(3600), null);

        mergedInto("release-1.30.0", "closed", 7, "Fix a typo on the release branch", "carol", "MEMBER", "", List.of("bug"),
                Instant.now().plusSeconds(3600), null);
        String notes = notes("1.30.0");
        assertTrue(notes.contains("### Highlights\n\n- Funnels load twice as fast. (#2)\n"), notes);
        assertTrue(notes.contains("### Features\n\n- Speed up funnels (#2) @octo-friend"), notes);
        assertTrue(notes.contains("### Fixes\n\n- Fix crash on empty dashboards (#3) @newbie"), notes);
        assertTrue(notes.contains("First contributions, welcome: @newbie (#3)"), notes);
        assertTrue(notes.contains("outside contributors: @octo-friend\n"), notes);
        assertFalse(notes.contains("[bot]") || notes.contains("#5") || notes.contains("#6"), "bots' pull requests, the sync among them: " + notes);
        assertFalse(notes.contains("#4"), "merged after the cut: the next release's");
        assertTrue(notes.contains("- Fix a typo on the release branch (#7) @carol"), "a fix made on the release branch is in it: " + notes);
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> notes("1.31.0"));
        assertTrue(unknown.getMessage().contains("has no release 1.31.0 on record"), unknown.getMessage());
        ObjectNode next = (ObjectNode) JSON.readTree(Fixtures.webhook("create", "with-installation.payload.json"));
        deliver("create", next.put("ref", "release-1.31.0").put("ref_type", "branch"));
        String next131 = notes("1.31.0");
        assertFalse(next131.contains("#2") || next131.contains("#7"), "the next cut holds neither the previous one's changes nor its fixes: " + next131);

        assertEquals(1, suggestions(4).size(), "a gentle suggestion");
        assertTrue(suggestions(4).get(0).contains("```release-note"));
        assertEquals(0, suggestions(2).size(), "#2 has its note already");

        merged("edited", 2, "Speed up funnels", "octo-friend", "CONTRIBUTOR",
                "```release-note\nFunnels load three times as fast.\n```", List.of("highlight", "feature"), hourAgo, null);
        assertTrue(notes("1.30.0").contains("- Funnels load three times as fast. (#2)"));

        merged("unlabeled", 2, "Speed up funnels", "octo-friend", "CONTRIBUTOR", "", List.of("feature"), hourAgo, "highlight");
        assertFalse(notes("1.30.0").contains("### Highlights"), "the label removed, the highlight dropped");

        try (Database db = Database.open(server.databaseUrl())) {
            new SqlCherryPickRecords(db, java.time.Clock.systemUTC()).put(REPO, 4, new CherryPickRecords.Row("release-1.30.0", dev.releasetrain.cherrypick.PickState.DONE, "pull request #100", null, null));
        }
        String withPick = notes("1.30.0");
        assertTrue(withPick.contains("### Highlights\n\n- Dark mode (#4)"), "cherry-picked: in the release it was picked into\n" + withPick);
    }

    private List<String> suggestions(long number) {
        return repo.comments(REPO, number).stream().map(c -> c.path("body").asText())
                .filter(b -> b.startsWith(CollectHighlights.MARKER)).toList();
    }

    @Test
    void aReleaseNoteBlockOrTheTitle() {
        assertEquals("Shiny.", ReleaseNote.of("text\n```release-note\nShiny.\n```", "Title"));
        assertEquals("Title", ReleaseNote.of("no block here", "Title"));
        assertEquals("Title", ReleaseNote.of(null, "Title"));
        assertEquals("Title", ReleaseNote.of("```release-note\n\n```", "Title"), "an empty block is no note");
    }
}
