package dev.releasetrain.release;


/** {@code /release owner @user}: someone else steers the release; the checklist's owner line and assignee follow. */
public final class HandOverRelease {
    private HandOverRelease() {
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release, String login) throws Exception {
        if (login.equalsIgnoreCase(release.owner() == null ? "" : release.owner())) {
            return ReleaseContext.Outcome.done("@" + login + " owns " + release.version() + " already.");
        }
        if (!ctx.github().people().canWrite(login)) {
            return ReleaseContext.Outcome.refused("@" + login + " has no write permission on " + ctx.repo()
                    + ", so could not run the release's commands. The owner is unchanged.");
        }
        Release handed = release.withOwner(login);
        ctx.records().save(handed);
        if (handed.issueNumber() != null) {
            ctx.checklist().assign(ctx.github(), handed.issueNumber(), login);
        }
        ctx.refresh(handed, ctx.facts(handed), b -> b);
        return ReleaseContext.Outcome.done("@" + login + " owns " + release.version() + " now"
                + (release.owner() == null ? "" : ", taking over from @" + release.owner()) + ".");
    }
}
