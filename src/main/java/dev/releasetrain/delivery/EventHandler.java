package dev.releasetrain.delivery;

import java.util.List;

/**
 * One behaviour of the bot as the router sees it: a short name for logs and metrics, and the deliveries it takes,
 * each with what it does with one (the first subscription that takes a delivery runs). Behaviours must be safe to
 * run again for the same delivery: a retry or a crash repeats them, so every write they make first looks at what is
 * already there.
 */
public record EventHandler(String name, List<Subscription<?>> subscriptions) {
    public EventHandler {
        subscriptions = List.copyOf(subscriptions);
    }
}
