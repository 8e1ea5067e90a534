package dev.releasetrain.release;

import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.config.ConfigException;
import dev.releasetrain.config.RepoConfigParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecklistTest {
    private static final Version V = Version.parse("1.30.0").orElseThrow();
    private static final String TEMPLATE = "Owner $OWNER, $VERSION after $PREVIOUS_VERSION on $RELEASE_BRANCH ($FREEZE_DATE → $RELEASE_DATE)\n\n"
            + "- [ ] Cut <!-- release-train:step cut -->\n- [ ] Smoke test by hand\n- [x] Already done by a person\n\n"
            + "## Changes\n<!-- release-train:section changes -->\n\nHuman notes stay.\n";

    private static String rendered() {
        return Checklist.render(TEMPLATE, V, Map.of("VERSION", "1.30.0", "PREVIOUS_VERSION", "1.29.0", "RELEASE_BRANCH", "release-1.30.0",
                "FREEZE_DATE", "Wed", "RELEASE_DATE", "Mon", "OWNER", "@alice"));
    }

    @Test
    void aTemplateGetsItsVariablesSectionsAndTheBotsRecordSections() {
        String body = rendered();
        assertTrue(body.startsWith("<!-- release-train:checklist 1.30.0 -->\n<!-- release-train:section state -->\n<!-- release-train:end state -->\n"), body);
        assertTrue(body.contains("Owner <!-- release-train:section owner -->@alice<!-- release-train:end owner -->, 1.30.0 after 1.29.0 on "
                + "release-1.30.0 (Wed → Mon)"), body);
        assertTrue(body.contains("<!-- release-train:section changes -->\n<!-- release-train:end changes -->"), body);
        assertTrue(body.contains("<!-- release-train:section overrides -->"), "the overrides record is always kept");
        assertEquals(Optional.of(V), Checklist.version(body));
    }

    @Test
    void botStepsAreTickedWithEvidence_unticked_andPeoplesBoxesLeftAlone() {
        String body = Checklist.tick(rendered(), "cut", "at abc1234");
        assertTrue(body.contains("- [x] Cut <!-- release-train:step cut -->\n  ↳ at abc1234 <!-- release-train:evidence cut -->\n- [ ] Smoke"), body);
        assertEquals(body, Checklist.ensureTicked(body, "cut", "other evidence"), "a repeat keeps the first evidence");
        String again = Checklist.tick(body, "cut", "at def5678");
        assertEquals(1, again.split("evidence cut", -1).length - 1, "evidence replaced, not added");
        String unticked = Checklist.untick(again, "cut");
        assertTrue(unticked.contains("- [ ] Cut <!-- release-train:step cut -->\n- [ ] Smoke"), unticked);
        List<Checklist.Step> steps = Checklist.steps(body);
        assertEquals(List.of(new Checklist.Step("Cut", true, Optional.of("cut")), new Checklist.Step("Smoke test by hand", false, Optional.empty()),
                new Checklist.Step("Already done by a person", true, Optional.empty())), steps);
        assertEquals(body, Checklist.tick(body, "no-such-step", "x"), "a template without the step is left as it is");
    }

    @Test
    void sectionsAreReplacedBetweenTheirMarkersOnly() {
        String body = Checklist.section(rendered(), "changes", "- one\n- two");
        assertTrue(body.contains("<!-- release-train:section changes -->\n- one\n- two\n<!-- release-train:end changes -->\n\nHuman notes stay."), body);
        String again = Checklist.section(body, "changes", "- three");
        assertTrue(again.contains("changes -->\n- three\n<!--") && !again.contains("- one"), again);
        assertEquals(again, Checklist.section(again, "migrations", "not in this template"));
        assertTrue(Checklist.section(again, "owner", "@bob").contains("section owner -->@bob<!-- release-train:end owner -->"));
    }

    @Test
    void aBodyOverGitHubsLimitMovesItsLargestSectionToTheOverflow() {
        String big = "- a commit\n".repeat(7_000);
        String body = Checklist.section(rendered(), "changes", big);
        Checklist.Fitted fitted = Checklist.fit(body, ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        assertTrue(fitted.body().length() <= Checklist.MAX_BODY);
        assertTrue(fitted.body().contains("see the bot's overflow comment below") && fitted.body().contains("Human notes stay."), "human text kept");
        assertTrue(fitted.overflow().startsWith("### changes\n\n- a commit"), fitted.overflow().substring(0, 40));
        assertTrue(fitted.overflow().length() <= Checklist.MAX_BODY);
        assertEquals(new Checklist.Fitted(rendered(), ""), Checklist.fit(rendered(), ChecklistSections.MOVABLE, Checklist.MAX_BODY));
    }

    @Test
    void versionFilesSetAVersionByPatternOrAppendToAJsonList() throws Exception {
        RepoConfigParser parser = new RepoConfigParser();
        List<ReleaseSettings.VersionFileRule> rules = parser.settings("release:\n  version-files:\n"
                + "    - {\"path\":\"app/version.py\",\"pattern\":\"^VERSION = \\\"([^\\\"]*)\\\"\"}\n"
                + "    - {\"path\":\"versions.json\",\"json-list\":\"/releases\"}\n").release().versionFiles();
        VersionFile py = VersionFile.of(rules.get(0));
        assertEquals(Optional.of("x = 1\nVERSION = \"1.30.0\"\n"), py.apply("x = 1\nVERSION = \"1.29.0\"\n", V).text());
        assertTrue(py.apply("nothing here", V).problem().contains("has no line matching"));
        VersionFile list = VersionFile.of(rules.get(1));
        assertEquals(Optional.of("{\n  \"releases\" : [\n    \"1.29.0\",\n    \"1.30.0\"\n  ]\n}\n"), list.apply("{\"releases\": [\"1.29.0\"]}\n", V).text());
        assertEquals(Optional.of("{\"releases\": [\"1.30.0\"]}"), list.apply("{\"releases\": [\"1.30.0\"]}", V).text(), "listed already");
        assertTrue(list.apply("{\"releases\": 3}", V).problem().contains("has no list at `/releases`"));
        assertTrue(list.apply("{oops", V).problem().contains("is not valid JSON"));
        for (String bad : List.of("{\"path\":\"../etc/passwd\",\"pattern\":\"(x)\"}", "{\"path\":\"a\"}", "{\"path\":\"a\",\"pattern\":\"x\"}",
                "{\"path\":\"a\",\"pattern\":\"(\"}", "{\"path\":\"a\",\"json-list\":\"releases\"}", "{\"path\":\"a\",\"pattern\":\"(x)\",\"shell\":\"rm\"}")) {
            assertThrows(ConfigException.class, () -> parser.settings("release:\n  version-files: [" + bad + "]\n"), bad);
        }
    }

    @Test
    void releaseSettingsNameTheKeyThatIsWrong() throws Exception {
        RepoConfigParser parser = new RepoConfigParser();
        ReleaseSettings ok = parser.settings("release:\n  managers: ['@alice', my-org/releasers]\n  schedule:\n    release-day: friday\n").release();
        assertEquals(List.of("alice", "my-org/releasers"), ok.managers());
        assertEquals(java.time.DayOfWeek.FRIDAY, ok.releaseDay());
        assertEquals("release-1.30.0", ok.branchPrefix() + V);
        ConfigException day = assertThrows(ConfigException.class, () -> parser.settings("release:\n  schedule:\n    freeze-day: someday\n"));
        assertTrue(day.getMessage().contains("line 3: release.schedule.freeze-day: \"someday\" is not one of monday"), day.getMessage());
        assertThrows(ConfigException.class, () -> parser.settings("release:\n  timezone: Mars/Olympus\n"));
        assertThrows(ConfigException.class, () -> parser.settings("release:\n  branch-prefix: '../x'\n"));
        ConfigException files = assertThrows(ConfigException.class, () -> parser.settings("release:\n  version-files:\n    - path: a.py\n"));
        assertTrue(files.getMessage().contains("line 3: release.version-files[0] needs exactly one of"), files.getMessage());
    }
}
