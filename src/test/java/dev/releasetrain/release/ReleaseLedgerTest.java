package dev.releasetrain.release;

import dev.releasetrain.cherrypick.CherryPickRecords;
import dev.releasetrain.cherrypick.PickState;
import dev.releasetrain.cherrypick.SqlCherryPickRecords;
import dev.releasetrain.notes.MergedPullRequest;
import dev.releasetrain.notes.SqlReleaseNotesStore;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger view on both databases, over what the capabilities record: which merges a release took at its cut (a
 * patch's cut takes nothing and does not split the minors' windows), its picks with their own pull requests, the
 * fixes made on its branch, and its steps.
 */
class ReleaseLedgerTest {
    private static final String REPO = "o/r";
    private static final String WEB = "https://github.com";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Stores3(SqlReleaseRecords releases, SqlReleaseNotesStore notes, SqlCherryPickRecords picks, SqlReleaseLedger ledger) {
    }

    private static Version v(String s) {
        return Version.parse(s).orElseThrow();
    }

    private static MergedPullRequest pr(long number, String author, long at) {
        return new MergedPullRequest(number, "change " + number, author, "MEMBER", List.of(), at, false, "change " + number, false);
    }

    /** The ledger's rows as "kind #number state", one per row, in the ledger's order. */
    private static String rows(List<LedgerEntry> ledger) {
        return ledger.stream().map(e -> e.kind().stored() + (e.number() == null ? "" : " #" + e.number()) + " " + e.state())
                .collect(Collectors.joining(", "));
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void eachReleaseHoldsWhatItsCutTookItsPicksAndTheFixesMadeOnItsBranch(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            var s = new Stores3(new SqlReleaseRecords(db), new SqlReleaseNotesStore(db), new SqlCherryPickRecords(db, CLOCK), new SqlReleaseLedger(db, CLOCK));
            s.releases().save(new Release(REPO, v("1.29.0"), 1L, "alice", false, Optional.of("1.28.0"), "a".repeat(40), 100, "release-1.29.0"));
            s.notes().cut(REPO, "1.29.0", "release-1.29.0", 100);
            s.notes().cut(REPO, "1.29.1", "release-1.29.1", 150);   // a patch, cut from the tag by hand
            s.releases().save(new Release(REPO, v("1.30.0"), 2L, "bob", false, Optional.of("1.29.1"), "b".repeat(40), 200, "release-1.30.0"));
            s.notes().cut(REPO, "1.30.0", "release-1.30.0", 200);
            s.notes().merged(REPO, pr(1, "carol", 90), "main");                        // in 1.29.0's cut
            s.notes().merged(REPO, pr(2, "carol", 120), "main");                       // between the minors' cuts
            s.notes().merged(REPO, pr(3, "carol", 160), "main");                       // after the patch's cut: still 1.30.0's
            s.notes().merged(REPO, pr(4, "carol", 250), "main");                       // the next release's
            s.notes().merged(REPO, pr(5, "dave", 210), "release-1.30.0");              // a fix made on the branch
            s.notes().merged(REPO, pr(6, "release-train[bot]", 220), "release-1.30.0"); // a pick's own pull request
            s.notes().merged(REPO, pr(8, "erin", 130), "release-1.29.0");              // 1.29.0's fix, never 1.30.0's
            s.notes().merged(REPO, pr(12, "carol", 190), "main");                      // labelled for 1.30.0 before its cut
            s.picks().put(REPO, 12, new CherryPickRecords.Row("release-1.30.0", PickState.WAITING, "will be in 1.30.0", null, "alice"));
            s.picks().put(REPO, 13, new CherryPickRecords.Row("release-1.29.1", PickState.WAITING, "will be in 1.29.1", null, "alice"));
            s.picks().put(REPO, 3, new CherryPickRecords.Row("release-1.29.1", PickState.DONE, "picked", WEB + "/o/r/commit/" + "c".repeat(40), "alice"));
            s.picks().put(REPO, 4, new CherryPickRecords.Row("release-1.30.0", PickState.OPEN, "pull request open", WEB + "/o/r/pull/101", "alice"));
            s.picks().put(REPO, 2, new CherryPickRecords.Row("release-1.30.0", PickState.RESOLVED, "resolved", WEB + "/o/r/pull/6", "alice"));

            List<LedgerEntry> l130 = s.ledger().of(REPO, v("1.30.0"));
            assertEquals("cut cut, taken #2 merged, taken #3 merged, taken #12 merged, pick #2 resolved, pick #4 open, pick #12 waiting, "
                    + "fix #5 merged", rows(l130));
            assertEquals(java.util.Arrays.asList(6L, 101L, null), l130.stream().filter(e -> e.kind() == LedgerEntry.Kind.PICK).map(LedgerEntry::pullRequest).toList(),
                    "each pick links its own pull request");
            assertEquals(List.of(2L, 6L, 4L, 12L), l130.stream().filter(e -> e.kind() == LedgerEntry.Kind.PICK).flatMap(LedgerEntry::answersFor).toList(),
                    "a pick answers for its fix; one resolved by hand for its own pull request too");
            assertEquals(WEB + "/o/r/commit/" + "b".repeat(40), l130.get(0).link(WEB, REPO));
            assertEquals(WEB + "/o/r/pull/2", l130.get(1).link(WEB, REPO));
            assertEquals(WEB + "/o/r/pull/101", l130.get(5).link(WEB, REPO));

            assertEquals("cut cut, taken #1 merged, fix #8 merged", rows(s.ledger().of(REPO, v("1.29.0"))));
            List<LedgerEntry> patch = s.ledger().of(REPO, v("1.29.1"));
            assertEquals("cut cut, pick #3 done, pick #13 waiting", rows(patch),
                    "a patch takes nothing from the default branch, and is known by its cut alone");
            assertEquals(null, patch.get(1).pullRequest(), "a pick pushed in push mode has no pull request");
            assertEquals(List.of(), s.ledger().of(REPO, v("1.31.0")));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void stepsAreRecordedSeenAgainAndForgotten(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            SqlReleaseLedger ledger = new SqlReleaseLedger(db, CLOCK);
            new SqlReleaseRecords(db).save(new Release(REPO, v("1.30.0"), 2L, "bob", false, Optional.of("1.29.0"), "b".repeat(40), 200, "release-1.30.0"));
            ledger.record(REPO, v("1.30.0"), new LedgerEntry.Step(LedgerEntry.Kind.TAG, "done", "d".repeat(40), WEB + "/o/r/releases/tag/1.30.0",
                    "tagged by @bob", "the pick of #4 is an open pull request"));
            ledger.record(REPO, v("1.30.0"), new LedgerEntry.Step(LedgerEntry.Kind.TAG, "done", null, null, "seen by `/release status`", null));
            ledger.record(REPO, v("1.30.0"), new LedgerEntry.Step(LedgerEntry.Kind.SYNC, "open", null, WEB + "/o/r/pull/120", "opened by @bob", null));
            ledger.record(REPO, v("1.30.0"), new LedgerEntry.Step(LedgerEntry.Kind.SYNC, "merged", null, WEB + "/o/r/pull/120", null, null));
            List<LedgerEntry> rows = ledger.of(REPO, v("1.30.0"));
            assertEquals("cut cut, tag done, sync merged", rows(rows));
            LedgerEntry tag = rows.get(1);
            assertEquals(List.of("d".repeat(40), WEB + "/o/r/releases/tag/1.30.0", "tagged by @bob", "the pick of #4 is an open pull request"),
                    List.of(tag.sha(), tag.url(), tag.detail(), tag.forcedOver()), "seen again, the first account and the override stay");
            assertEquals(120L, rows.get(2).pullRequest());
            assertEquals("opened by @bob", rows.get(2).detail());
            ledger.forget(REPO, v("1.30.0"), LedgerEntry.Kind.TAG);
            assertEquals("cut cut, sync merged", rows(ledger.of(REPO, v("1.30.0"))));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aReleaseBelongsToTheBranchItWasStartedWith(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            SqlReleaseRecords releases = new SqlReleaseRecords(db);
            SqlReleaseNotesStore notes = new SqlReleaseNotesStore(db);
            releases.save(new Release(REPO, v("2.0.0"), 3L, "bob", false, Optional.of("1.30.0"), "b".repeat(40), 300, "rel/2.0.0"));
            notes.cut(REPO, "2.0.0", "rel/2.0.0", 300);
            notes.merged(REPO, pr(10, "carol", 310), "rel/2.0.0");
            notes.merged(REPO, pr(11, "carol", 320), "release-2.0.0");
            releases.save(new Release(REPO, v("2.0.0"), 3L, "carol", false, Optional.of("1.30.0"), "b".repeat(40), 300, "release-2.0.0"));
            assertEquals("rel/2.0.0", releases.find(REPO, v("2.0.0")).orElseThrow().branch(), "the branch is kept once set");
            assertEquals("cut cut, fix #10 merged", rows(new SqlReleaseLedger(db, CLOCK).of(REPO, v("2.0.0"))));
        }
    }
}
