package dev.releasetrain.checks;

import dev.releasetrain.delivery.Subscription;
import org.kohsuke.github.GHEventPayload;

import java.util.Set;

/** The deliveries after which a pull request's checks look again, shared by every check. */
public final class PullRequestChecks {
    /** The actions after which a pull request's code is new to the checks; an edit counts when it moves the base. */
    private static final Set<String> CODE_ACTIONS = Set.of("opened", "reopened", "synchronize", "ready_for_review", "edited");

    private PullRequestChecks() {
    }

    /** New code, or a move to another base branch (a title edit is not one). */
    public static Subscription<GHEventPayload.PullRequest> onNewCode(Subscription.Action<GHEventPayload.PullRequest> run) {
        return Subscription.on(GHEventPayload.PullRequest.class, CODE_ACTIONS,
                e -> !"edited".equals(e.getAction()) || e.getChanges() != null && e.getChanges().getBase() != null, run);
    }

    /** Someone asked to run the check named {@code check} again. */
    public static Subscription<GHEventPayload.CheckRun> onRerun(String check, Subscription.Action<GHEventPayload.CheckRun> run) {
        return Subscription.on(GHEventPayload.CheckRun.class, Set.of("rerequested"), e -> check.equals(e.getCheckRun().getName()), run);
    }
}
