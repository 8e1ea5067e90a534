package dev.releasetrain.bench;

import dev.releasetrain.cherrypick.CherryPickRecords;
import dev.releasetrain.cherrypick.PickState;
import dev.releasetrain.cherrypick.SqlCherryPickRecords;
import dev.releasetrain.notes.SqlReleaseNotesStore;
import dev.releasetrain.release.LedgerEntry;
import dev.releasetrain.release.Release;
import dev.releasetrain.release.ReleaseFacts;
import dev.releasetrain.release.SqlReleaseLedger;
import dev.releasetrain.release.SqlReleaseRecords;
import dev.releasetrain.release.Version;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.Stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What reading a release's ledger costs in a repository with years of history: every command and checklist refresh
 * reads it once. Fills each store (SQLite, and PostgreSQL from the embedded binaries) with N merged pull requests
 * over monthly releases, with picks and fixes on each branch, then times reading the newest release's ledger and
 * its notes' pull requests (median of 21). Run: bench/ledger [N, default 100000]
 */
public final class LedgerBenchmark {
    private static final String REPO = "o/r";
    private static final int RELEASES = 60;

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int prs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("ledger-bench");
        System.out.printf("%,d merged pull requests over %d releases, %d picks and %d fixes on each branch%n", prs, RELEASES, 20, 5);
        for (Stores.Kind kind : Stores.Kind.values()) {
            try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
                fill(db, prs);
                SqlReleaseLedger ledger = new SqlReleaseLedger(db, Clock.systemUTC());
                SqlReleaseNotesStore notes = new SqlReleaseNotesStore(db);
                Version newest = version(RELEASES - 1);
                List<LedgerEntry> rows = ledger.of(REPO, newest);
                long[] ledgerNs = new long[21];
                long[] notesNs = new long[21];
                for (int i = 0; i < ledgerNs.length; i++) {
                    long t0 = System.nanoTime();
                    rows = ledger.of(REPO, newest);
                    long t1 = System.nanoTime();
                    ReleaseFacts.pullRequests(notes, REPO, rows);
                    notesNs[i] = System.nanoTime() - t1;
                    ledgerNs[i] = t1 - t0;
                }
                Arrays.sort(ledgerNs);
                Arrays.sort(notesNs);
                System.out.printf("%-10s ledger of %s: %d rows in %.1f ms; its notes' pull requests in %.1f ms%n", kind, newest, rows.size(),
                        ledgerNs[10] / 1e6, notesNs[10] / 1e6);
            }
        }
        System.exit(0); // the embedded PostgreSQL's threads
    }

    private static Version version(int i) {
        return Version.parse("1." + i + ".0").orElseThrow();
    }

    /** Monthly releases, each cut after its share of merges, with picks of the month's fixes and fixes on its branch. */
    private static void fill(Database db, int prs) throws Exception {
        SqlReleaseRecords releases = new SqlReleaseRecords(db);
        SqlReleaseNotesStore notes = new SqlReleaseNotesStore(db);
        SqlCherryPickRecords picks = new SqlCherryPickRecords(db, Clock.systemUTC());
        int perRelease = prs / RELEASES;
        long number = 1;
        for (int r = 0; r < RELEASES; r++) {
            Version v = version(r);
            String branch = "release-" + v;
            long first = number;
            number += perRelease;
            long cut = number * 1000L;
            merged(db, first, number, "main", 0);
            releases.save(new Release(REPO, v, (long) r + 1, "owner", false, Optional.of(r == 0 ? "0.9.0" : version(r - 1).toString()),
                    "a".repeat(40), cut, branch));
            notes.cut(REPO, v.toString(), branch, cut);
            for (int p = 1; p <= 20; p++) {
                picks.put(REPO, number - p, new CherryPickRecords.Row(branch, PickState.DONE, "picked", "https://github.com/o/r/pull/" + (number + p), "owner"));
            }
            merged(db, number, number + 5, branch, cut);
            number += 5;
        }
    }

    /** Pull requests [from, to) merged into {@code base}, in one transaction: filling, not what is measured. */
    private static void merged(Database db, long from, long to, String base, long after) throws Exception {
        db.writeNow(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO merged_pull_requests (repository, number, title, author, "
                    + "author_association, labels, base_ref, merged_at, highlight, note) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (long n = from; n < to; n++) {
                    s.setString(1, REPO);
                    s.setLong(2, n);
                    s.setString(3, "change " + n);
                    s.setString(4, "dev" + n % 40);
                    s.setString(5, "MEMBER");
                    s.setString(6, "bug");
                    s.setString(7, base);
                    s.setLong(8, after == 0 ? n * 1000L : after + n - from + 1);
                    s.setInt(9, n % 50 == 0 ? 1 : 0);
                    s.setString(10, "change " + n);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }
}
