package dev.releasetrain.release;

import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.migrations.CheckMigrations;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checklist stays current between commands: a merge, a pick landing or failing, a label, a review after the
 * fact, a migrations verdict, or the release branch created or pushed to changes what its sections show (changes, cherry-picks, unreviewed merges,
 * migrations), so the release in progress gets a refresh. Events are gathered for {@link #GATHER_MILLIS}: a burst
 * of them is one follow-up (its id is the release and the moment it falls due) and so one edit at most.
 */
public final class KeepChecklistCurrent {
    public static final String EVENT = "release_train.checklist_refresh";
    static final long GATHER_MILLIS = 10_000;
    private final ReleaseDependencies deps;
    private final FollowUps followUps;

    public KeepChecklistCurrent(ReleaseDependencies deps, FollowUps followUps) {
        this.deps = deps;
        this.followUps = followUps;
    }

    /**
     * The refresh the bot scheduled for itself: one release's checklist, once the burst of events has passed.
     *
     * @param pushed the release branch moved: a bump made by hand may have landed
     */
    public record Refresh(String version, boolean pushed) {
        static Refresh read(WebhookEvent e) {
            return new Refresh(e.payload().path("version").asText(), e.payload().path("pushed").asBoolean(false));
        }
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("checklist-refresh", List.of(
                Subscription.own(EVENT, Set.of(), Refresh.class, Refresh::read, (r, ctx) -> ctx.withSettings(s -> refresh(r, s, ReleaseGitHub.of(ctx.github())))),
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed", "labeled", "unlabeled"), e -> e.getPullRequest().isMerged(),
                        (e, ctx) -> ctx.withSettings(s -> changed(ctx.installationId(), ctx.repository(), Optional.empty(), s))),
                Subscription.on(GHEventPayload.PullRequestReview.class, Set.of("submitted"), e -> e.getPullRequest().getState() == GHIssueState.CLOSED,
                        (e, ctx) -> ctx.withSettings(s -> changed(ctx.installationId(), ctx.repository(), Optional.empty(), s))),
                Subscription.on(GHEventPayload.CheckRun.class, Set.of("completed"), e -> CheckMigrations.CHECK.equals(e.getCheckRun().getName()),
                        (e, ctx) -> ctx.withSettings(s -> changed(ctx.installationId(), ctx.repository(), Optional.empty(), s))),
                // the release branch created: the fixes that waited for it are settled then (SettlePicksAtTheCut)
                Subscription.on(GHEventPayload.Create.class, Set.of(), e -> "branch".equals(e.getRefType()),
                        (e, ctx) -> ctx.withSettings(s -> changed(ctx.installationId(), ctx.repository(), Optional.of("refs/heads/" + e.getRef()), s))),
                // a pick pushed by hand, or by the bot in push mode, lands as a push to the release branch
                Subscription.on(GHEventPayload.Push.class, Set.of(), e -> e.getRef().startsWith("refs/heads/")
                                && !e.getRef().equals("refs/heads/" + e.getRepository().getDefaultBranch()),
                        (e, ctx) -> ctx.withSettings(s -> changed(ctx.installationId(), ctx.repository(), Optional.of(e.getRef()), s)))));
    }

    private Optional<Release> current(String repo) throws Exception {
        return deps.records().all(repo).stream().filter(r -> !r.cancelled() && r.issueNumber() != null).findFirst();
    }

    /**
     * Something the checklist shows may have changed: the release in progress gets a refresh, gathered with the
     * others of the next moments into one.
     *
     * @param pushedRef the branch a push moved, when a push is the news: only its release's branch matters
     */
    public void changed(long installation, String repo, Optional<String> pushedRef, RepoSettings settings) throws Exception {
        Optional<Release> current = current(repo);
        if (current.isEmpty()) {
            return;
        }
        Version version = current.get().version();
        if (pushedRef.isPresent() && !pushedRef.get().equals("refs/heads/" + settings.release().branchPrefix() + version)) {
            return; // a push to another branch changes nothing the checklist shows
        }
        long now = deps.clock().millis();
        long due = (now / GATHER_MILLIS + 1) * GATHER_MILLIS;
        // a push's refresh also reads the version files, so it is a follow-up of its own in the window
        String id = "checklist-refresh:" + repo + ":" + version + ":" + due + (pushedRef.isPresent() ? ":push" : "");
        followUps.schedule(id, EVENT, FollowUps.payload("refresh", installation, repo).put("version", version.toString())
                .put("pushed", pushedRef.isPresent()), due - now);
    }

    /** The gathered refresh came due: the release's checklist made current, if it is still the release in progress. */
    public void refresh(Refresh refresh, RepoSettings settings, ReleaseGitHub github) throws Exception {
        String repo = github.repository();
        Optional<Release> current = current(repo);
        if (current.isEmpty() || !refresh.version().equals(current.get().version().toString())) {
            return;
        }
        Release release = current.get();
        ReleaseContext steps = new ReleaseContext(deps, github, settings, null, null);
        deps.checklist().locked(repo, release.version(), () -> {
            Release now = deps.records().find(repo, release.version()).orElse(release);
            if (refresh.pushed()) { // a bump made by hand, or one reverted, is in the ledger from now on
                BumpVersion.seen(steps, now, BumpVersion.state(steps, now), null, "seen after a push to `" + steps.branch(now.version()) + "`");
            }
            ReleaseFacts facts = steps.facts(now);
            steps.refresh(now, facts, b -> steps.tickRecordedSteps(b, facts));
            return null;
        });
    }
}
