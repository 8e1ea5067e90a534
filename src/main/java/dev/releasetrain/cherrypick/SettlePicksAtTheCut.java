package dev.releasetrain.cherrypick;

import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import org.kohsuke.github.GHEventPayload;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A release branch was created: the fixes that waited for it are settled. A minor's branch is cut from the default
 * branch, where those fixes merged, so each is already there and its comment says so. A patch's is cut from a tag:
 * its fixes keep waiting for {@code /cherry-pick}, as their comment already says.
 */
public final class SettlePicksAtTheCut {
    /** At most this many fixes are settled per cut; more wait for the next command that reads them. */
    static final int MAX_SETTLED = 200;
    private final CherryPickRecords records;
    private final PickIntoReleaseBranches picks;

    public SettlePicksAtTheCut(CherryPickRecords records) {
        this.records = records;
        this.picks = new PickIntoReleaseBranches(records);
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("cherry-pick-cut", List.of(
                Subscription.on(GHEventPayload.Create.class, Set.of(), e -> "branch".equals(e.getRefType()),
                        (e, ctx) -> cut(e.getRef(), CherryPickGitHub.of(ctx.github())))));
    }

    public void cut(String branch, CherryPickGitHub github) throws Exception {
        Optional<String> version = PickTargets.versionOf(branch);
        if (version.isEmpty() || PickTargets.patch(version.get())) {
            return;
        }
        for (long fix : records.waitingFor(github.repository(), branch, MAX_SETTLED)) {
            records.put(github.repository(), fix, new CherryPickRecords.Row(branch, PickState.ALREADY, "on `" + branch + "` from the cut", null, null));
            picks.report(github, fix);
        }
    }
}
