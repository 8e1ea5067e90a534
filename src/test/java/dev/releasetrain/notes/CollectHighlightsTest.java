package dev.releasetrain.notes;

import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The highlights handler's core without the server: (a merged pull request, its labels and body) → what the notes keep, and the hint. */
class CollectHighlightsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                        | labels          | body                                         | just highlighted | highlight | note               | hint
            "a plain merge is kept, not a highlight        | bug             | Fixes the crash.                             | true             | false     | Pull request 7     | false",
            "a highlight without a note gets the hint      | highlight       | Adds dark mode.                              | true             | true      | Pull request 7     | true",
            "a highlight with a release-note block         | highlight       | '```release-note\nDark mode, at last.\n```' | true             | true      | Dark mode, at last. | false",
            "an edit of a highlight: no hint again         | highlight       | Adds dark mode.                              | false            | true      | Pull request 7     | false",
    })
    void merged(String name, String labels, String body, boolean justHighlighted, boolean highlight, String note, boolean hint) throws Exception {
        InMemoryGitHub github = new InMemoryGitHub("o/r");
        github.pullRequest(7, "alice", "head7").put("merged", true).put("state", "closed").put("merged_at", "2026-11-20T10:00:00Z")
                .put("body", body.replace("\\n", "\n"));
        github.labelled(7, labels.split(" "));
        InMemory.Notes notes = new InMemory.Notes();

        new CollectHighlights(notes, CLOCK).merged("o/r", github.typed(7), "CONTRIBUTOR", justHighlighted, Config.of(null), github);

        MergedPullRequest kept = notes.merged.get(7L);
        assertEquals(highlight, kept.highlight(), name);
        assertEquals(note, kept.note(), name);
        assertEquals(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), kept.mergedAt(), name);
        assertEquals(List.of(labels.split(" ")), kept.labels(), name);
        assertEquals(hint, github.comment(7, CollectHighlights.MARKER).isPresent(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "release-1.30.0        | 1.30.0",
            "release-1.30          | ",
            "feature-1.30.0        | ",
    })
    void aReleaseBranchIsTheCut(String branch, String version) throws Exception {
        InMemory.Notes notes = new InMemory.Notes();
        new CollectHighlights(notes, CLOCK).branchCreated("o/r", branch, Config.of(null));
        assertEquals(version == null ? List.of() : List.of(version), List.copyOf(notes.cuts.keySet()), branch);
        notes.cuts.values().forEach(at -> assertEquals(CLOCK.millis(), at));
    }
}
