package dev.releasetrain.testing;

import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.List;
import java.util.Set;

/** A feature that takes every delivery: says it started, works for a while, then says it is done, by delivery id. */
public final class RecordingHandler {
    /** Told a delivery's id. */
    @FunctionalInterface
    public interface Told {
        void tell(String deliveryId) throws Exception;
    }

    private final Told started;
    private final long millis;
    private final Told done;

    public RecordingHandler(Told started, long millis, Told done) {
        this.started = started;
        this.millis = millis;
        this.done = done;
    }

    /** Tells {@code done} of each delivery it completes, at once. */
    public static RecordingHandler onDone(Told done) {
        return new RecordingHandler(id -> { }, 0, done);
    }

    /** The deliveries it takes. */
    public EventHandler handler() {
        return new EventHandler("recorder", List.of(new Subscription<>(null, Set.of(), WebhookEvent.class, e -> e, e -> true, (e, ctx) -> handle(ctx))));
    }

    private void handle(EventContext context) throws Exception {
        String id = context.event().deliveryId();
        started.tell(id);
        if (millis > 0) {
            Thread.sleep(millis);
        }
        done.tell(id);
    }
}
