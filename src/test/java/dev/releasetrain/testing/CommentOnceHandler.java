package dev.releasetrain.testing;

import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.List;
import java.util.Set;

/**
 * A feature-shaped handler for testing the foundation: reads the repo config and the repository, and keeps one
 * marked comment on the issue (found before it is posted): the idempotent write every real feature makes.
 */
public final class CommentOnceHandler {
    public static final String MARKER = "<!-- release-train:test -->";

    /** The deliveries it takes. */
    public EventHandler handler() {
        return new EventHandler("comment-once", List.of(Subscription.own("issues", Set.of(), WebhookEvent.class, e -> e, (e, ctx) -> handle(ctx))));
    }

    private void handle(EventContext ctx) throws Exception {
        ConfigResult config = ctx.config();
        ctx.github().history().defaultBranch();
        String note = config instanceof ConfigResult.Invalid invalid ? invalid.problem().getMessage() : "config ok";
        ctx.github().comments().upsertComment(ctx.event().payload().path("issue").path("number").asLong(), MARKER, MARKER + "\n" + note);
    }
}
