package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickState;
import dev.releasetrain.cherrypick.PicksInto;
import dev.releasetrain.config.Glob;
import dev.releasetrain.config.NotesSettings;
import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.notes.MergedPullRequest;
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

/**
 * Everything the checklist, the status reply and the tag's blockers are made from, gathered once per command: git
 * (the branch, what changed since the previous tag) and what the other capabilities recorded (merged pull requests,
 * cherry-picks, merges without review).
 */
public record ReleaseFacts(Release release, ReleaseSettings settings, ReleaseCalendar.Train train, Optional<String> branchHead,
                           Optional<Comparison> changes, List<MergedPullRequest> pullRequests,
                           List<PicksInto.Pick> picks, List<UnreviewedMerges.Case> unreviewed, List<String> migrationFiles,
                           Map<Long, String> migrationsNotSafe, List<NotesSettings.Category> categories) {

    public String branch() {
        return settings.branchPrefix() + release.version();
    }

    /** The picks into the branch in one state (requested, open, missing, failed, …). */
    public List<PicksInto.Pick> picksIn(PickState state) {
        return picks.stream().filter(p -> p.row().state() == state).toList();
    }

    /**
     * A pick labelled before the branch was cut ({@code waiting}): a release cut from the default branch has the fix
     * from the cut; a patch, cut from a tag, does not until it is picked.
     */
    public boolean onBranchFromTheCut(PicksInto.Pick p) {
        return p.row().state() == PickState.WAITING && release.version().patch() == 0;
    }

    /** Fixes labelled for a patch before its branch was cut: not on it until picked. */
    public List<PicksInto.Pick> waitingForAPick() {
        return picks.stream().filter(p -> p.row().state() == PickState.WAITING && release.version().patch() > 0).toList();
    }

    public String notes() {
        return ReleaseNotes.render(release.version().toString(), pullRequests, categories);
    }

    /** The month's train the release rides: the first whose release day is not before the day it started. */
    public static ReleaseCalendar.Train train(ReleaseSettings settings, long startedAt) {
        return ReleaseCalendar.of(settings).upcoming(Instant.ofEpochMilli(startedAt).atZone(settings.zone()).toLocalDate(), 1).get(0);
    }

    public static ReleaseFacts gather(ReleaseDependencies deps, ReleaseGitHub git, RepoSettings repoSettings, Release release)
            throws IOException, SQLException {
        ReleaseSettings settings = repoSettings.release();
        String repo = release.repository();
        String branch = settings.branchPrefix() + release.version();
        Optional<String> head = git.git().ref("heads/" + branch);
        Optional<Comparison> changes = head.isPresent() && release.previousTag().isPresent()
                ? Optional.of(git.history().compare(release.previousTag().get(), branch)) : Optional.empty();
        List<MergedPullRequest> prs = deps.notes().release(repo, release.version().toString(), settings.branchPrefix());
        List<PicksInto.Pick> picks = deps.picks().into(repo, branch);
        Set<Long> inRelease = new HashSet<>();
        prs.forEach(p -> inRelease.add(p.number()));
        picks.forEach(p -> inRelease.add(p.number()));
        // a pick whose conflicts a person resolved is their change on the branch: its own review counts, like any
        picks.stream().filter(p -> p.row().state() == PickState.RESOLVED).forEach(p -> p.pullRequest().ifPresent(inRelease::add));
        List<UnreviewedMerges.Case> unreviewed = deps.unreviewed().openCases(repo).stream()
                .filter(c -> inRelease.contains(c.number())).toList();
        Map<Long, String> notSafe = new LinkedHashMap<>(deps.migrations().notSafe(repo));
        notSafe.keySet().retainAll(inRelease);
        List<Glob> globs = repoSettings.migrations().globs();
        List<String> migrations = changes.map(c -> c.files().stream().filter(f -> globs.stream().anyMatch(g -> g.matches(f))).toList())
                .orElse(List.of());
        return new ReleaseFacts(release, settings, train(settings, release.startedAt()), head, changes, prs, picks, unreviewed, migrations,
                notSafe, repoSettings.notes().categories());
    }
}
