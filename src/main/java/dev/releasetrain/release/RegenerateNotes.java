package dev.releasetrain.release;

import java.util.function.UnaryOperator;

/** {@code /release notes}: the checklist's notes section made again from what has merged and been picked. */
public final class RegenerateNotes {
    private RegenerateNotes() {
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release) throws Exception {
        ReleaseFacts facts = ctx.facts(release);
        ctx.refresh(release, facts, UnaryOperator.identity());
        long highlights = facts.pullRequests().stream().filter(p -> p.highlight()).count();
        long people = facts.pullRequests().stream().map(p -> p.author()).distinct().count();
        return ReleaseContext.Outcome.done("Regenerated the notes in " + (release.issueNumber() == null ? "the checklist" : "#" + release.issueNumber())
                + ": " + facts.pullRequests().size() + " pull requests, " + highlights + (highlights == 1 ? " highlight, " : " highlights, ")
                + people + (people == 1 ? " contributor." : " contributors."));
    }
}
