package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickState;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHCheckRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Why a release may not be tagged yet: failed cherry-picks, pick pull requests not merged, fixes labelled for a patch before its branch was cut, pull requests whose migrations are not known to be safe,
 * merges without review, a branch head that is not green.
 */
public final class TagBlockers {
    private static final Set<String> GREEN = Set.of("success", "neutral", "skipped");

    private TagBlockers() {
    }

    /** One plain sentence per blocker; empty when the release may be tagged. */
    public static List<String> of(ReleaseFacts f, List<GHCheckRun> headCheckRuns) {
        List<String> out = new ArrayList<>();
        f.picksIn(PickState.FAILED).forEach(p -> out.add("the cherry-pick of #" + p.number() + " into `" + f.branch() + "` failed: pick it by hand, "
                        + "then comment `/cherry-pick " + f.branch() + "` on #" + p.number() + " so the bot sees it there"));
        f.picksIn(PickState.OPEN).forEach(p -> out.add("the pick of #" + p.number() + " into `"
                + f.branch() + "` is an open pull request (" + p.url() + "): the fix is not on the branch until it merges"));
        f.picksIn(PickState.CONFLICT).forEach(p -> out.add("the pick of #" + p.number() + " into `" + f.branch()
                + "` has conflicts to resolve in its draft pull request (" + p.url() + "): resolve them there and merge it"));
        f.picksIn(PickState.MISSING).forEach(p -> out.add("the pick of #" + p.number() + " into `"
                + f.branch() + "` was closed without merging (" + p.url() + "): comment `/cherry-pick " + f.branch() + "` on #"
                + p.number() + " to pick it again"));
        // a minor's cut settles what waited for it (already there); a patch, cut from a tag, needs each picked
        f.picksIn(PickState.WAITING).forEach(p -> out.add(f.release().version().patch() > 0
                ? "#" + p.number() + " was labelled for `" + f.branch() + "` before it was cut from a tag, so the fix is not on it: comment `/cherry-pick "
                + f.branch() + "` on #" + p.number()
                : "#" + p.number() + " waits for the cut of `" + f.branch() + "`, which has not been seen yet: comment `/cherry-pick " + f.branch()
                + "` on #" + p.number() + " to settle it"));
        f.migrationsNotSafe().forEach((number, conclusion) -> out.add("#" + number + "'s migrations are not known to be safe (its "
                + "`release-train/migrations` check " + (conclusion.equals("pending") ? "is still waiting for a verdict" : "concluded " + conclusion)
                + "): fix them, then re-run that check"));
        f.unreviewed().forEach(c -> out.add("#" + c.number() + " was merged without review: " + (Users.isBotLogin(c.author())
                ? "someone with write access" : "someone other than @" + c.author()) + " must review it"));
        for (GHCheckRun run : headCheckRuns) {
            String name = run.getName();
            String status = run.getStatus() == null ? "running" : run.getStatus().toString().toLowerCase(Locale.ROOT);
            String conclusion = run.getConclusion() == null ? "" : run.getConclusion().toString().toLowerCase(Locale.ROOT);
            if (!"completed".equals(status)) {
                out.add("the check `" + name + "` on the branch head is still " + status.replace('_', ' '));
            } else if (!GREEN.contains(conclusion)) {
                out.add("the check `" + name + "` on the branch head concluded " + conclusion.replace('_', ' '));
            }
        }
        return out;
    }
}
