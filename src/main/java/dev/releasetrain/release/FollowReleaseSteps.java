package dev.releasetrain.release;

import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHUser;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Steps people take in git themselves reach the ledger as they happen: a release's tag pushed or deleted by hand,
 * its sync pull request merged or closed. The bot's own tag is recorded by {@code /release tag}, with who asked.
 * The checklist follows in the next gathered refresh.
 */
public final class FollowReleaseSteps {
    private final ReleaseDependencies deps;
    private final KeepChecklistCurrent checklist;

    public FollowReleaseSteps(ReleaseDependencies deps, KeepChecklistCurrent checklist) {
        this.deps = deps;
        this.checklist = checklist;
    }

    public EventHandler handler() {
        return new EventHandler("release-steps", List.of(
                Subscription.on(GHEventPayload.Create.class, Set.of(), e -> "tag".equals(e.getRefType()) && !Users.isBot(e.getSender()),
                        (e, ctx) -> ctx.withSettings(s -> tag(ctx, s, e.getRef(), Optional.of(e.getSender())))),
                Subscription.on(GHEventPayload.Delete.class, Set.of(), e -> "tag".equals(e.getRefType()),
                        (e, ctx) -> ctx.withSettings(s -> tag(ctx, s, e.getRef(), Optional.empty()))),
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed", "reopened"),
                        // a fork's branch of the same name is not the release's sync
                        e -> e.getPullRequest().getHead().getRef().startsWith(SyncVersionBump.PREFIX) && e.getPullRequest().getHead().getRepository() != null
                                && e.getRepository().getFullName().equals(e.getPullRequest().getHead().getRepository().getFullName()),
                        (e, ctx) -> ctx.withSettings(s -> sync(ctx.repository(), e.getPullRequest())))));
    }

    /** A sync pull request closed, merged or reopened: if it is a release's, its ledger follows. */
    private void sync(String repo, GHPullRequest pr) throws Exception {
        Optional<Release> release = known(repo, pr.getHead().getRef().substring(SyncVersionBump.PREFIX.length()));
        if (release.isPresent()) {
            deps.ledger().record(repo, release.get().version(), new LedgerEntry.Step(LedgerEntry.Kind.SYNC, SyncVersionBump.state(pr), null,
                    pr.getHtmlUrl().toString(), null, null));
        }
    }

    /** A started release of that version, if the name is one. */
    private Optional<Release> known(String repo, String name) throws Exception {
        Optional<Version> version = Version.parse(name);
        return version.isEmpty() ? Optional.empty() : deps.records().find(repo, version.get());
    }

    /** A tag was pushed by {@code pusher}, or deleted (none): if it is a release's, its ledger and checklist follow. */
    private void tag(EventContext ctx, RepoSettings settings, String name, Optional<GHUser> pusher) throws Exception {
        String repo = ctx.repository();
        Optional<Release> release = known(repo, name);
        if (release.isEmpty()) {
            return;
        }
        if (pusher.isPresent()) {
            deps.ledger().record(repo, release.get().version(), new LedgerEntry.Step(LedgerEntry.Kind.TAG, "done", null, null,
                    "pushed by @" + pusher.get().getLogin(), null));
        } else {
            deps.ledger().forget(repo, release.get().version(), LedgerEntry.Kind.TAG);
        }
        checklist.changed(ctx.installationId(), repo, Optional.empty(), settings);
    }
}
