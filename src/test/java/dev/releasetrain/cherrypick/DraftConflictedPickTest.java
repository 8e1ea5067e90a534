package dev.releasetrain.cherrypick;

import dev.releasetrain.github.Comparison;
import dev.releasetrain.github.GitCommit;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a conflicting pick's draft takes of each file the fix changed, and when it is left to a person instead, over
 * a small in-memory GitHub. Each file is given as base/ours/theirs texts ({@code -}: absent, {@code BIG}: over 1 MB,
 * {@code BIN}: binary; {@code ;} a line break).
 */
class DraftConflictedPickTest {
    private static final String BASE = "b".repeat(40);
    private static final String ONTO = "0".repeat(40);
    private static final String FIX = "f".repeat(40);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                   | files: path=base/ours/theirs, …                      | expected
            "a conflict and a clean file              | a.txt=x;y/x;Y1/x;Y2, b.txt=p/p/q                      | drafted a.txt:1 +b.txt=blob",
            "a file the branch alone changed stays    | a.txt=x;y/x;Y1/x;Y2, c.txt=p/P/p                      | drafted a.txt:1",
            "a file the fix removed goes              | a.txt=x;y/x;Y1/x;Y2, d.txt=p/p/-                      | drafted a.txt:1 +d.txt=removed",
            "a file the fix added comes               | a.txt=x;y/x;Y1/x;Y2, e.txt=-/-/n                      | drafted a.txt:1 +e.txt=blob",
            "a binary conflict is left to a person    | a.bin=BIN/x/y                                         | not `a.bin` is binary",
            "a large conflict is left to a person     | a.txt=x/BIG/y                                         | not `a.txt` is over 1 MB",
            "a workflow is left to a person           | .github/workflows/ci.yml=x/y/z                        | not GitHub does not let Release Train change workflow files",
    })
    void drafts(String name, String files, String expected) throws Exception {
        InMemoryGitHub github = new InMemoryGitHub("o/r");
        github.commits.put(FIX, new GitCommit(FIX, "Fix the thing (#2)\n\nbody", "tree-f", List.of(BASE), "Octo Cat", "octocat@example.com"));
        github.commits.put(ONTO, new GitCommit(ONTO, "release head", "tree-0", List.of(BASE), null, null));
        List<String> paths = new ArrayList<>();
        for (String file : files.split(",\\s*")) {
            String path = file.substring(0, file.indexOf('='));
            paths.add(path);
            String[] sides = file.substring(file.indexOf('=') + 1).split("/");
            String[] commits = {BASE, ONTO, FIX};
            for (int i = 0; i < 3; i++) {
                switch (sides[i]) {
                    case "-" -> { }
                    case "BIG" -> github.tooLarge.put(path + "@" + commits[i], 2_000_000L);
                    case "BIN" -> github.texts.put(path + "@" + commits[i], "\0\1\2");
                    default -> github.texts.put(path + "@" + commits[i], sides[i].replace(';', '\n') + "\n");
                }
            }
        }
        github.comparisons.put(BASE + "..." + FIX, new Comparison(List.of(), 1, paths));

        DraftConflictedPick.Drafting d = new DraftConflictedPick(github, github).draft(List.of(FIX), "release-1.30.0", ONTO, "Fix the thing");
        if (expected.startsWith("not ")) {
            assertTrue(d instanceof DraftConflictedPick.NotDrafted n && n.why().contains(expected.substring(4)), name + ": " + d);
            assertTrue(github.writes().isEmpty(), name + ": nothing written " + github.writes());
            return;
        }
        DraftConflictedPick.Drafted drafted = (DraftConflictedPick.Drafted) d;
        StringBuilder got = new StringBuilder("drafted");
        drafted.files().forEach(f -> got.append(" ").append(f.path()).append(":").append(f.conflicts()));
        String commit = github.writes().stream().filter(w -> w.startsWith("commitFiles")).findFirst().orElseThrow();
        for (String path : paths) {
            if (drafted.files().stream().noneMatch(f -> f.path().equals(path)) && commit.contains(path)) {
                got.append(" +").append(path).append(github.texts.containsKey(path + "@" + drafted.head()) ? "=text"
                        : github.texts.containsKey(path + "@" + FIX) ? "=blob" : "=removed");
            }
        }
        assertEquals(expected, got.toString(), name);
        String marked = github.texts.get(paths.get(0) + "@" + drafted.head());
        assertTrue(marked.contains("<<<<<<< release-1.30.0\n") && marked.contains(">>>>>>> fffffff (Fix the thing (#2))\n"), marked);
    }
}
