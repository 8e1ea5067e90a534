package dev.releasetrain.cherrypick;

import dev.releasetrain.commands.FreshComments;
import dev.releasetrain.config.CherryPickSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fixes reach a release branch by cherry-pick: a merged pull request labelled {@code release-X.Y.Z} (at merge or
 * after), or {@code /cherry-pick release-X.Y.Z} on it (remembered on an open one until it merges), is picked onto
 * each target by someone with write permission's say-so (see {@link PickIntoReleaseBranches}).
 */
public final class CherryPickLabelledPullRequest {
    private final CherryPickRecords records;
    private final PickIntoReleaseBranches picks;
    private final Clock clock;

    public CherryPickLabelledPullRequest(CherryPickRecords records, Clock clock) {
        this.records = records;
        this.picks = new PickIntoReleaseBranches(records);
        this.clock = clock;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("cherry-pick", List.of(
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed"), e -> !Users.isBot(e.getSender()) && e.getPullRequest().isMerged(),
                        (e, ctx) -> ctx.withSettings(s -> pick(ctx, s, (c, g) -> merged(e.getPullRequest(), c, g)))),
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("labeled"),
                        e -> !Users.isBot(e.getSender()) && e.getPullRequest().isMerged() && e.getLabel() != null,
                        (e, ctx) -> ctx.withSettings(s -> pick(ctx, s, (c, g) -> labelled(e.getPullRequest(), e.getLabel().getName(), e.getSender().getLogin(), c, g)))),
                Subscription.on(GHEventPayload.IssueComment.class, Set.of("created"),
                        e -> !Users.isBot(e.getSender()) && e.getIssue().isPullRequest() && FreshComments.fresh(e.getComment(), clock)
                                && CherryPickCommand.targets(e.getComment().getBody()) != null,
                        (e, ctx) -> ctx.withSettings(s -> pick(ctx, s, (c, g) -> command(e.getIssue().getNumber(), e.getComment().getBody(), e.getSender().getLogin(), c, g))))));
    }

    private interface Pick {
        void run(CherryPickSettings settings, CherryPickGitHub github) throws Exception;
    }

    private static void pick(EventContext ctx, RepoSettings settings, Pick pick) throws Exception {
        if (settings.cherryPick().enabled()) {
            pick.run(settings.cherryPick(), CherryPickGitHub.of(ctx.github()));
        }
    }

    /**
     * The pull request merged: the release labels it carries count on the merger's authority (merging took write
     * permission), and so do picks asked for while it was open.
     */
    public void merged(GHPullRequest pr, CherryPickSettings settings, CherryPickGitHub github) throws Exception {
        Set<String> targets = new LinkedHashSet<>();
        for (GHLabel l : pr.getLabels()) {
            PickTargets.of(settings, l.getName()).ifPresent(targets::add);
        }
        records.of(github.repository(), pr.getNumber()).stream().filter(r -> r.state() == PickState.REQUESTED).forEach(r -> targets.add(r.target()));
        picks.pickAll(github, pr, targets, settings);
    }

    /** {@code actor} added {@code label} to the merged pull request: a pick when it is a release label and they may write. */
    public void labelled(GHPullRequest pr, String label, String actor, CherryPickSettings settings, CherryPickGitHub github) throws Exception {
        Optional<String> target = PickTargets.of(settings, label);
        if (target.isEmpty()) {
            return;
        }
        if (!github.people().canWrite(actor)) {
            records.put(github.repository(), pr.getNumber(), new CherryPickRecords.Row(target.get(), PickState.REFUSED,
                    "@" + actor + " added the label but has no write permission; someone who can write must add it", null, actor));
            picks.report(github, pr.getNumber());
            return;
        }
        picks.pickAll(github, pr, new LinkedHashSet<>(List.of(target.get())), settings);
    }

    /** {@code actor} commented {@code /cherry-pick …} on the pull request. */
    public void command(long number, String body, String actor, CherryPickSettings settings, CherryPickGitHub github) throws Exception {
        List<String> named = CherryPickCommand.targets(body);
        if (named.isEmpty() || !named.stream().allMatch(CherryPickCommand::validBranch)) {
            String line = body.lines().map(String::strip).filter(l -> l.startsWith("/cherry-pick") || l.startsWith("/backport")).findFirst().orElse("");
            github.comments().upsertComment(number, PickReport.MARKER + "-usage", PickReport.MARKER + "-usage\n> " + line
                    + "\n\nUsage: `/cherry-pick release-X.Y.Z [more release branches]` (or `/backport …`), naming existing branches.");
            return;
        }
        if (!github.people().canWrite(actor)) {
            record(github, number, named, PickState.REFUSED, "@" + actor + " asked, but only people with write permission can request a cherry-pick", actor);
            picks.report(github, number);
            return;
        }
        GHPullRequest pr = github.pulls().pullRequest(number);
        if (pr.isMerged()) {
            picks.pickAll(github, pr, new LinkedHashSet<>(named), settings);
            return;
        }
        if (pr.getState() == GHIssueState.OPEN) {
            record(github, number, named, PickState.REQUESTED, "will be picked when this pull request merges", actor);
        } else {
            record(github, number, named, PickState.FAILED, "this pull request was closed without merging", actor);
        }
        picks.report(github, number);
    }

    private void record(CherryPickGitHub github, long number, List<String> targets, PickState state, String detail, String actor) throws Exception {
        for (String t : targets) {
            records.put(github.repository(), number, new CherryPickRecords.Row(t, state, detail, null, actor));
        }
    }
}
