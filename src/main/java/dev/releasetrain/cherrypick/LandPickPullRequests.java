package dev.releasetrain.cherrypick;

import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pick counts when it lands: its pull request merged makes the pick done; closed without merging, the pick is
 * missing and the fix's comment says how to pick it again. Only the pull request the record names (the bot's own,
 * from this repository's {@code release-train/cherry-pick-N-to-T} branch) moves the record.
 */
public final class LandPickPullRequests {
    private final CherryPickRecords records;
    private final PickIntoReleaseBranches picks;

    public LandPickPullRequests(CherryPickRecords records) {
        this.records = records;
        this.picks = new PickIntoReleaseBranches(records);
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("cherry-pick-landing", List.of(
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed"), e -> PickBranch.of(e.getPullRequest().getHead().getRef()).isPresent(),
                        (e, ctx) -> closed(e.getPullRequest(), CherryPickGitHub.of(ctx.github())))));
    }

    public void closed(GHPullRequest pick, CherryPickGitHub github) throws Exception {
        Optional<PickBranch> branch = PickBranch.of(pick.getHead().getRef()).filter(b -> b.target().equals(pick.getBase().getRef()));
        if (branch.isEmpty()) {
            return;
        }
        long fix = branch.get().fix();
        String target = branch.get().target();
        String url = pick.getHtmlUrl().toString();
        Optional<CherryPickRecords.Row> row = records.of(github.repository(), fix).stream().filter(r -> r.target().equals(target)).findFirst();
        if (row.isEmpty() || !url.equals(row.get().url())) {
            return; // not the pull request the record names (a fork's look-alike branch, or an older pick)
        }
        String number = "pull request #" + pick.getNumber();
        // a draft's merge carries a person's resolution of its conflicts: not the fix's reviewed change any more
        boolean resolved = row.get().state() == PickState.CONFLICT;
        records.put(github.repository(), fix, pick.isMerged() ? new CherryPickRecords.Row(target, resolved ? PickState.RESOLVED : PickState.DONE,
                number + " merged" + (resolved ? ", its conflicts resolved by hand" : ""), url, null)
                : new CherryPickRecords.Row(target, PickState.MISSING, number + " was closed without merging: comment `/cherry-pick " + target
                + "` here to pick it again", url, null));
        picks.report(github, fix);
    }
}
