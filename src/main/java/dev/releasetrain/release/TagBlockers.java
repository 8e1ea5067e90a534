package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why a release may not be tagged yet: failed cherry-picks, pull requests whose migrations are not known to be safe,
 * merges without review, a branch head that is not green.
 */
public final class TagBlockers {
    private static final Set<String> GREEN = Set.of("success", "neutral", "skipped");

    private TagBlockers() {
    }

    /** One plain sentence per blocker; empty when the release may be tagged. */
    public static List<String> of(ReleaseFacts f, List<JsonNode> headCheckRuns) {
        List<String> out = new ArrayList<>();
        f.picks().stream().filter(p -> p.row().state().equals("failed"))
                .forEach(p -> out.add("the cherry-pick of #" + p.number() + " into `" + f.branch() + "` failed: pick it by hand, "
                        + "then comment `/cherry-pick " + f.branch() + "` on #" + p.number() + " so the bot sees it there"));
        f.migrationsNotSafe().forEach((number, conclusion) -> out.add("#" + number + "'s migrations are not known to be safe (its "
                + "`release-train/migrations` check " + (conclusion.equals("pending") ? "is still waiting for a verdict" : "concluded " + conclusion)
                + "): fix them, then re-run that check"));
        f.unreviewed().forEach(c -> out.add("#" + c.number() + " was merged without review: someone other than @" + c.author() + " must review it"));
        for (JsonNode run : headCheckRuns) {
            String name = run.path("name").asText();
            if (!"completed".equals(run.path("status").asText())) {
                out.add("the check `" + name + "` on the branch head is still " + run.path("status").asText("running").replace('_', ' '));
            } else if (!GREEN.contains(run.path("conclusion").asText())) {
                out.add("the check `" + name + "` on the branch head concluded " + run.path("conclusion").asText().replace('_', ' '));
            }
        }
        return out;
    }
}
