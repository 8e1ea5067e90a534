package dev.releasetrain.delivery;

/**
 * One behaviour of the bot, reacting to some deliveries. Handlers must be safe to run again for the same delivery:
 * a retry or a crash repeats them, so every write they make first looks at what is already there.
 */
public interface EventHandler {
    /** Short name for logs and metrics. */
    String name();

    /** Whether the delivery is one for this behaviour; decided from the payload alone, without I/O. */
    boolean handles(WebhookEvent event);

    void handle(EventContext context) throws Exception;
}
