package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickState;
import dev.releasetrain.config.Glob;
import dev.releasetrain.config.NotesSettings;
import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.notes.MergedPullRequest;
import dev.releasetrain.notes.ReleaseContents;
import dev.releasetrain.notes.ReleaseNotes;
import dev.releasetrain.review.UnreviewedMerges;
import dev.releasetrain.github.Comparison;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the checklist, the status reply, the notes and the tag's blockers are made from, gathered once per
 * command: the release's ledger (what it took at the cut, its picks, fixes made on its branch, its steps), what git
 * says of the branch (its head, what changed since the previous tag), and the verdicts on the pull requests the
 * ledger names (merges without review, migrations).
 */
public record ReleaseFacts(Release release, ReleaseSettings settings, ReleaseCalendar.Train train, Optional<String> branchHead,
                           Optional<Comparison> changes, List<LedgerEntry> ledger, List<MergedPullRequest> pullRequests,
                           List<UnreviewedMerges.Case> unreviewed, List<String> migrationFiles,
                           Map<Long, String> migrationsNotSafe, List<NotesSettings.Category> categories) {

    public String branch() {
        return release.branch();
    }

    /** The ledger's picks into the branch, by pull request. */
    public List<LedgerEntry> picks() {
        return ledger.stream().filter(e -> e.kind() == LedgerEntry.Kind.PICK).toList();
    }

    /** The picks into the branch in one state (requested, open, missing, failed, …). */
    public List<LedgerEntry> picksIn(PickState state) {
        return picks().stream().filter(p -> p.pickState() == state).toList();
    }

    public String notes() {
        return ReleaseNotes.render(release.version().toString(), pullRequests, categories);
    }

    /** The month's train the release rides: the first whose release day is not before the day it started. */
    public static ReleaseCalendar.Train train(ReleaseSettings settings, long startedAt) {
        return ReleaseCalendar.of(settings).upcoming(Instant.ofEpochMilli(startedAt).atZone(settings.zone()).toLocalDate(), 1).get(0);
    }

    /** The merged pull requests a ledger holds, as its notes list them: fixes made on the branch say so. */
    public static List<MergedPullRequest> pullRequests(ReleaseContents notes, String repo, List<LedgerEntry> ledger) throws SQLException {
        Set<Long> held = new TreeSet<>();
        Set<Long> onBranch = new HashSet<>();
        for (LedgerEntry e : ledger) {
            if (e.holdsTheFix()) {
                held.add(e.number());
            }
            if (e.kind() == LedgerEntry.Kind.FIX) {
                onBranch.add(e.number());
            }
        }
        return notes.pullRequests(repo, held).stream().map(p -> onBranch.contains(p.number()) ? p.madeOnReleaseBranch() : p).toList();
    }

    public static ReleaseFacts gather(ReleaseDependencies deps, ReleaseGitHub git, RepoSettings repoSettings, Release started)
            throws IOException, SQLException {
        ReleaseSettings settings = repoSettings.release();
        String repo = started.repository();
        Release release = started;
        if (release.branch() == null) {
            // started before the ledger: its branch is the one today's settings name, kept from now on
            release = started.withBranch(settings.branchPrefix() + started.version());
            deps.records().save(release);
        }
        String branch = release.branch();
        Optional<String> head = git.git().ref("heads/" + branch);
        Optional<Comparison> changes = head.isPresent() && release.previousTag().isPresent()
                ? Optional.of(git.history().compare(release.previousTag().get(), branch)) : Optional.empty();
        List<LedgerEntry> ledger = deps.ledger().of(repo, release.version());
        Set<Long> answersFor = new HashSet<>();
        ledger.forEach(e -> e.answersFor().forEach(answersFor::add));
        List<UnreviewedMerges.Case> unreviewed = deps.unreviewed().openCases(repo).stream()
                .filter(c -> answersFor.contains(c.number())).toList();
        Map<Long, String> notSafe = new LinkedHashMap<>(deps.migrations().notSafe(repo));
        notSafe.keySet().retainAll(answersFor);
        List<Glob> globs = repoSettings.migrations().globs();
        List<String> migrations = changes.map(c -> c.files().stream().filter(f -> globs.stream().anyMatch(g -> g.matches(f))).toList())
                .orElse(List.of());
        return new ReleaseFacts(release, settings, train(settings, release.startedAt()), head, changes, ledger,
                pullRequests(deps.notes(), repo, ledger), unreviewed, migrations, notSafe, repoSettings.notes().categories());
    }
}
