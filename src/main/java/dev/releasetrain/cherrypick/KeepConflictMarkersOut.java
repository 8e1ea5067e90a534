package dev.releasetrain.cherrypick;

import dev.releasetrain.checks.CheckPublisher;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.checks.PullRequestChecks;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.RepoFiles;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code release-train/conflicts} on the bot's pick pull requests: it fails while a file the pull request touches
 * still holds git's conflict markers, naming each file and line, and passes once they are gone; it looks again on
 * every push. Only a pull request the pick records name is looked at (a fork's look-alike branch costs nothing), and
 * what cannot be read is never passed.
 */
public final class KeepConflictMarkersOut {
    public static final String CHECK = "release-train/conflicts";
    /** Files read per push: a pick is a fix's few files; beyond this the check fails closed. */
    static final int MAX_FILES = 100;
    /** GitHub shows at most 50 annotations a request; the summary names the rest. */
    private static final int MAX_ANNOTATIONS = 50;

    private final CheckPublisher checks;
    private final CherryPickRecords records;

    public KeepConflictMarkersOut(CheckPublisher checks, CherryPickRecords records) {
        this.checks = checks;
        this.records = records;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("cherry-pick-conflicts", List.of(
                PullRequestChecks.onNewCode((e, ctx) -> checkIfPick(ctx, e.getPullRequest())),
                PullRequestChecks.onRerun(CHECK, (e, ctx) -> {
                    for (GHPullRequest pr : ctx.pullRequests(1)) {
                        checkIfPick(ctx, pr);
                    }
                })));
    }

    private void checkIfPick(EventContext ctx, GHPullRequest pr) throws Exception {
        Optional<PickBranch> pick = PickBranch.of(pr.getHead().getRef()).filter(b -> b.target().equals(pr.getBase().getRef()));
        if (pr.getState() != GHIssueState.OPEN || pick.isEmpty()) {
            return;
        }
        String url = pr.getHtmlUrl().toString();
        if (records.of(ctx.repository(), pick.get().fix()).stream().anyMatch(r -> r.target().equals(pick.get().target()) && url.equals(r.url()))) {
            check(pr, ctx.github().pullRequests(), ctx.github().contents(), ctx.github().checkRuns());
        }
    }

    /** Looks through the files of the pick's pull request at its head and publishes the check. */
    public void check(GHPullRequest pr, PullRequests pulls, Contents contents, CheckRuns runs) throws Exception {
        String head = pr.getHead().getSha();
        List<ChangedFile> files = pulls.changedFiles(pr).stream().filter(f -> !f.status().equals("removed")).toList();
        if (files.size() > MAX_FILES) {
            checks.publish(runs, CheckRunResult.completed(CHECK, head, "failure", files.size() + " files: too many to look through",
                    "This pick changes " + files.size() + " files; Release Train looks for conflict markers in at most " + MAX_FILES
                            + ". Check them by hand (`git diff --check`)."));
            return;
        }
        List<CheckRunResult.Annotation> notes = new ArrayList<>();
        List<String> marked = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (ChangedFile f : files) {
            RepoFiles.FileText file = contents.readFile(f.path(), head);
            if (file.tooLarge()) {
                unread.add(f.path());
                continue;
            }
            List<Integer> lines = ConflictMarkers.lines(file.text().orElse(""));
            if (!lines.isEmpty()) {
                marked.add("- `" + f.path() + "`: line" + (lines.size() == 1 ? " " : "s ") + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
            for (int line : lines) {
                if (notes.size() < MAX_ANNOTATIONS) {
                    notes.add(new CheckRunResult.Annotation(f.path(), line, "failure", "A conflict marker is left here: resolve the conflict and remove it."));
                }
            }
        }
        if (marked.isEmpty() && unread.isEmpty()) {
            checks.publish(runs, CheckRunResult.completed(CHECK, head, "success", "No conflict markers",
                    "None of the " + files.size() + " files this pick changes holds a conflict marker."));
            return;
        }
        String summary = (marked.isEmpty() ? "" : "Conflict markers are left in:\n" + String.join("\n", marked) + "\n\nResolve each conflict, "
                + "remove the markers, and push: this check looks again.\n")
                + (unread.isEmpty() ? "" : "\nToo large to look through here (over 1 MB), so not known to be free of markers: "
                + unread.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")) + ".\n");
        String title = marked.isEmpty() ? unread.size() + " file(s) too large to check" : "Conflict markers in " + marked.size() + " file(s)";
        checks.publish(runs, CheckRunResult.completed(CHECK, head, "failure", title, summary).withAnnotations(notes, null));
    }
}
