package dev.releasetrain.delivery;

import java.util.List;

/**
 * One behaviour of the bot: the deliveries it takes, each with what it does with one. Handlers must be safe to run
 * again for the same delivery: a retry or a crash repeats them, so every write they make first looks at what is
 * already there.
 */
public interface EventHandler {
    /** Short name for logs and metrics. */
    String name();

    /** What it subscribes to; the first that takes a delivery runs. */
    List<Subscription<?>> subscriptions();
}
