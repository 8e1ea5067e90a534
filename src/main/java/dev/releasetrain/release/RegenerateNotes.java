package dev.releasetrain.release;

import dev.releasetrain.notes.MergedPullRequest;

import java.util.List;
import java.util.function.UnaryOperator;

/** {@code /release notes}: the checklist's notes section made again from what has merged and been picked. */
public final class RegenerateNotes {
    private RegenerateNotes() {
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release) throws Exception {
        ReleaseFacts facts = ctx.facts(release);
        ctx.refresh(release, facts, UnaryOperator.identity());
        List<MergedPullRequest> notes = facts.pullRequests().stream().filter(MergedPullRequest::byPerson).toList();
        long highlights = notes.stream().filter(MergedPullRequest::highlight).count();
        long people = notes.stream().map(MergedPullRequest::author).distinct().count();
        return ReleaseContext.Outcome.done("Regenerated the notes in " + (release.issueNumber() == null ? "the checklist" : "#" + release.issueNumber())
                + ": " + notes.size() + " pull requests, " + highlights + (highlights == 1 ? " highlight, " : " highlights, ")
                + people + (people == 1 ? " contributor." : " contributors."));
    }
}
