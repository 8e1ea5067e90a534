package dev.releasetrain.release;

import dev.releasetrain.github.OfflineModel;
import org.kohsuke.github.GHCheckRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.review.ReviewAudit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What stops a tag: each kind of blocker alone, and nothing when all is well. */
class TagBlockersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param version    the release
     * @param picks      number:state of cherry-picks into the branch
     * @param migrations number:conclusion of pull requests whose migrations are not known safe
     * @param unreviewed number:author of open merged-without-review cases
     * @param checks     name:status:conclusion of the check runs on the branch head
     * @param expected   the blockers, ";"-separated, each by its opening words
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "all well                       | 1.30.0 |               |            |           | ci:completed:success lint:completed:neutral docs:completed:skipped |",
            "a failed pick                  | 1.30.0 | 8:failed 9:done |          |           |                          | the cherry-pick of #8 into `release-1.30.0` failed",
            "a pick still requested is fine | 1.30.0 | 8:requested   |            |           |                          |",
            "a pick pull request still open | 1.30.0 | 8:open        |            |           |                          | the pick of #8 into `release-1.30.0` is an open pull request (https://github.com/o/r/pull/100)",
            "a pick pull request closed     | 1.30.0 | 8:missing     |            |           |                          | the pick of #8 into `release-1.30.0` was closed without merging (https://github.com/o/r/pull/100): comment `/cherry-pick release-1.30.0` on #8",
            "on the branch from the cut     | 1.30.0 | 8:already     |            |           |                          |",
            "a minor's cut not seen yet     | 1.30.0 | 8:waiting     |            |           |                          | #8 waits for the cut of `release-1.30.0`, which has not been seen yet: comment `/cherry-pick release-1.30.0` on #8 to settle it",
            "labelled before a patch's cut  | 1.30.1 | 8:waiting     |            |           |                          | #8 was labelled for `release-1.30.1` before it was cut from a tag, so the fix is not on it: comment `/cherry-pick release-1.30.1` on #8",
            "a migration that failed        | 1.30.0 |               | 16:failure |           |                          | #16's migrations are not known to be safe (its `release-train/migrations` check concluded failure)",
            "a migration still pending      | 1.30.0 |               | 16:pending |           |                          | #16's migrations are not known to be safe (its `release-train/migrations` check is still waiting",
            "a merge without review         | 1.30.0 |               |            | 14:alice  |                          | #14 was merged without review: someone other than @alice",
            "a pick resolved by hand, unreviewed | 1.30.0 |          |            | 101:release-train[bot] |             | #101 was merged without review: someone with write access must review it",
            "a pick in conflict             | 1.30.0 | 8:conflict    |            |           |                          | the pick of #8 into `release-1.30.0` has conflicts to resolve in its draft pull request (https://github.com/o/r/pull/100)",
            "a pick resolved by hand        | 1.30.0 | 8:resolved    |            |           |                          |",
            "a red check on the head        | 1.30.0 |               |            |           | ci:completed:failure     | the check `ci` on the branch head concluded failure",
            "a check still running          | 1.30.0 |               |            |           | ci:in_progress:          | the check `ci` on the branch head is still in progress",
            "everything at once, in order   | 1.30.0 | 8:failed      | 16:failure | 14:alice  | ci:completed:timed_out   | the cherry-pick of #8;#16's migrations;#14 was merged;the check `ci` on the branch head concluded timed out",
    })
    void blocks(String name, String version, String picks, String migrations, String unreviewed, String checks, String expected) throws Exception {
        List<LedgerEntry> pickList = new ArrayList<>();
        for (String p : words(picks)) {
            pickList.add(new LedgerEntry(LedgerEntry.Kind.PICK, Long.parseLong(p.split(":")[0]), 100L, p.split(":")[1], null,
                    "https://github.com/o/r/pull/100", "", null, 0));
        }
        Map<Long, String> notSafe = new LinkedHashMap<>();
        words(migrations).forEach(m -> notSafe.put(Long.parseLong(m.split(":")[0]), m.split(":")[1]));
        List<ReviewAudit.Case> cases = words(unreviewed).stream()
                .map(c -> new ReviewAudit.Case("o/r", Long.parseLong(c.split(":")[0]), "sha", c.split(":")[1], 0, null, null)).toList();
        List<GHCheckRun> runs = new ArrayList<>();
        for (String c : words(checks)) {
            String[] f = c.split(":", -1);
            runs.add(OfflineModel.read(JSON.createObjectNode().put("name", f[0]).put("status", f[1]).put("conclusion", f[2].isEmpty() ? null : f[2]),
                    GHCheckRun.class));
        }
        var settings = new RepoConfigParser().defaultSettings();
        ReleaseFacts facts = new ReleaseFacts(new Release("o/r", Version.parse(version).orElseThrow(), 1L, "alice", false, Optional.of("1.29.0"), "cut", 0L, "release-" + version), settings.release(),
                null, Optional.of("head"), Optional.empty(), pickList, List.of(), cases, List.of(), notSafe, settings.notes().categories());
        List<String> blockers = TagBlockers.of(facts, runs);
        List<String> wanted = words(expected == null ? null : expected.replace(";", "\n"), "\n");
        assertEquals(wanted.size(), blockers.size(), name + ": " + blockers);
        for (int i = 0; i < wanted.size(); i++) {
            assertEquals(true, blockers.get(i).startsWith(wanted.get(i)), name + ": " + blockers.get(i));
        }
    }

    private static List<String> words(String s) {
        return words(s, " ");
    }

    private static List<String> words(String s, String by) {
        return s == null || s.isBlank() ? List.of() : List.of(s.split(by));
    }
}
