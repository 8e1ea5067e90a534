package dev.releasetrain.size;

import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The size handler's core against an in-memory GitHub: (files, labels, settings) → the writes it makes and the check. */
class LabelPullRequestSizeTest {
    private static final String HINT = "upsertComment #7 " + LabelPullRequestSize.MARKER;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                            | files (path:added:deleted)           | labels now        | config                      | writes (;-separated)                                         | check
            "a small pull request              | app.py:5:2                           |                   |                             | ensureLabel size/XS;addLabels #7 size/XS                       | neutral",
            "labelled already: nothing to do   | app.py:5:2                           | size/XS           |                             |                                                                | neutral",
            "grown a size: the old label goes  | app.py:20:20                         | size/XS           |                             | ensureLabel size/M;addLabels #7 size/M;removeLabel #7 size/XS  | neutral",
            "large: the hint                   | app.py:300:0                         |                   |                             | ensureLabel size/L;addLabels #7 size/L;" + HINT + "            | neutral",
            "the skip label silences the hint  | app.py:300:0                         | size/skip-hint    |                             | ensureLabel size/L;addLabels #7 size/L                         | neutral",
            "a renamed skip label              | app.py:300:0                         | quiet             | 'size: {skip-label: quiet}' | ensureLabel size/L;addLabels #7 size/L                         | neutral",
            "lock files do not count           | package-lock.json:5000:0 app.py:3:0  |                   |                             | ensureLabel size/XS;addLabels #7 size/XS                       | neutral",
            "a size.exclude glob               | gen/x.py:900:0 app.py:3:0            |                   | 'size: {exclude: [gen/**]}' | ensureLabel size/XS;addLabels #7 size/XS                       | neutral",
            "fail-from fails the check         | app.py:50:0                          | size/M            | 'size: {fail-from: size/M}' |                                                                | failure",
            "under fail-from stays neutral     | app.py:5:0                           | size/XS           | 'size: {fail-from: size/M}' |                                                                | neutral",
    })
    void sizes(String name, String files, String labels, String config, String writes, String conclusion) throws Exception {
        InMemoryGitHub github = new InMemoryGitHub("o/r");
        github.pullRequest(7, "alice", "head7").put("changed_files", files.split(" ").length);
        if (labels != null) {
            github.labelled(7, labels.split(" "));
        }
        List<ChangedFile> changed = new ArrayList<>();
        for (String f : files.split(" ")) {
            String[] p = f.split(":");
            changed.add(new ChangedFile(p[0], null, "modified", Integer.parseInt(p[1]), Integer.parseInt(p[2])));
        }
        github.files.put(7L, changed);
        InMemory.Checks checks = new InMemory.Checks();
        var settings = Config.of(config).size();

        new LabelPullRequestSize(checks).size(github.typed(7), false, settings, SizeGitHub.of(github.clients()));

        assertEquals(writes == null ? List.of() : List.of(writes.split(";")), github.writes(), name);
        CheckRunResult check = checks.last(LabelPullRequestSize.CHECK);
        assertEquals(conclusion, check.conclusion(), name);
        assertEquals("head7", check.headSha(), name);
        github.comment(7, LabelPullRequestSize.MARKER).ifPresent(hint -> assertTrue(hint.contains("`" + settings.skipLabel() + "`"), hint));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                               | just opened | hint shown before | calls about the hint
            "a pull request just opened: no hint to look for      | true        | false             | noCommentYet #7 " + LabelPullRequestSize.MARKER,
            "a later push with no hint shown: nothing to remove   | false       | false             | ",
            "a later push after a hint, now small: it goes        | false       | true              | removeComment #7 " + LabelPullRequestSize.MARKER,
    })
    void theHintGoesWhenThePullRequestShrinks(String name, boolean justOpened, boolean shownBefore, String calls) throws Exception {
        InMemoryGitHub github = new InMemoryGitHub("o/r");
        github.pullRequest(7, "alice", "head7").put("changed_files", 1);
        github.labelled(7, "size/XS");
        github.files.put(7L, List.of(new ChangedFile("app.py", null, "modified", 1, 0)));
        if (shownBefore) {
            github.upsertComment(7, LabelPullRequestSize.MARKER, "old hint");
            github.calls.clear();
        }
        new LabelPullRequestSize(new InMemory.Checks()).size(github.typed(7), justOpened, Config.of(null).size(), SizeGitHub.of(github.clients()));
        assertEquals(calls == null ? List.of() : List.of(calls), github.calls.stream().filter(c -> c.contains("Comment")).toList(), name);
    }
}
