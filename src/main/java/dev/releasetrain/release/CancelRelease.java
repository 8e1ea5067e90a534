package dev.releasetrain.release;

/** {@code /release cancel}: the release is off. The checklist says so and is closed; no branch or tag is deleted. */
public final class CancelRelease {
    private CancelRelease() {
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release) throws Exception {
        if (release.cancelled()) {
            return ReleaseContext.Outcome.done(release.version() + " is cancelled already.");
        }
        Release cancelled = release.cancel();
        ctx.records().save(cancelled);
        String note = "> [!WARNING]\n> **Cancelled** " + ctx.byWhomWhen() + ". Nothing was deleted: `" + ctx.branch(release.version())
                + "` and any tag stay as they are.";
        ctx.refresh(cancelled, ctx.facts(cancelled), b -> Checklist.section(b, "state", note));
        if (release.issueNumber() != null) {
            ctx.checklist().close(ctx.github(), release.issueNumber());
        }
        return ReleaseContext.Outcome.done("Cancelled " + release.version() + StartRelease.issueRef(release) + ". The branch and any tag are kept.");
    }
}
