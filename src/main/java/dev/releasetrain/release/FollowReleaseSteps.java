package dev.releasetrain.release;

import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHEventPayload;
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
                        (e, ctx) -> ctx.withSettings(s -> {
                            if (tag(ctx.repository(), e.getRef(), Optional.of(e.getSender()))) {
                                checklist.changed(ctx.installationId(), ctx.repository(), Optional.empty(), s);
                            }
                        })),
                Subscription.on(GHEventPayload.Delete.class, Set.of(), e -> "tag".equals(e.getRefType()),
                        (e, ctx) -> ctx.withSettings(s -> {
                            if (tag(ctx.repository(), e.getRef(), Optional.empty())) {
                                checklist.changed(ctx.installationId(), ctx.repository(), Optional.empty(), s);
                            }
                        })),
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed", "reopened"),
                        // a fork's branch of the same name is not the release's sync
                        e -> e.getPullRequest().getHead().getRef().startsWith("sync-") && e.getPullRequest().getHead().getRepository() != null
                                && e.getRepository().getFullName().equals(e.getPullRequest().getHead().getRepository().getFullName()),
                        (e, ctx) -> ctx.withSettings(s -> {
                            Optional<Release> release = known(ctx.repository(), e.getPullRequest().getHead().getRef().substring("sync-".length()));
                            if (release.isPresent()) {
                                deps.ledger().record(ctx.repository(), release.get().version(), new LedgerEntry.Step(LedgerEntry.Kind.SYNC,
                                        SyncVersionBump.state(e.getPullRequest()), null, e.getPullRequest().getHtmlUrl().toString(), null, null));
                            }
                        }))));
    }

    /** A started release of that version, if the name is one. */
    private Optional<Release> known(String repo, String name) throws Exception {
        Optional<Version> version = Version.parse(name);
        return version.isEmpty() ? Optional.empty() : deps.records().find(repo, version.get());
    }

    /** The tag of a release was pushed by {@code pusher}, or deleted (none); false when it is no release's tag. */
    boolean tag(String repo, String name, Optional<GHUser> pusher) throws Exception {
        Optional<Release> release = known(repo, name);
        if (release.isEmpty()) {
            return false;
        }
        if (pusher.isPresent()) {
            deps.ledger().record(repo, release.get().version(), new LedgerEntry.Step(LedgerEntry.Kind.TAG, "done", null, null,
                    "pushed by @" + pusher.get().getLogin(), null));
        } else {
            deps.ledger().forget(repo, release.get().version(), LedgerEntry.Kind.TAG);
        }
        return true;
    }
}
