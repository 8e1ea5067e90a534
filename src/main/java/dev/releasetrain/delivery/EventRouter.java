package dev.releasetrain.delivery;

import java.util.List;
import java.util.Set;

/** Hands a delivery to every handler that wants it; a delivery no handler wants is ignored, not an error. */
public final class EventRouter {
    private final List<EventHandler> handlers;

    public EventRouter(List<EventHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    /** Events about an account, not a repository: the only ones a handler may get without a repository named. */
    private static final Set<String> ACCOUNT_EVENTS = Set.of("installation", "installation_repositories");

    /** @return whether any handler took the delivery */
    public boolean route(WebhookEvent event) throws Exception {
        if (event.repository() == null && !ACCOUNT_EVENTS.contains(event.event())) {
            return false; // every feature acts on a repository; a payload that names none (or not as text) has nothing to act on
        }
        boolean handled = false;
        for (EventHandler h : handlers) {
            if (h.handles(event)) {
                h.handle(event);
                handled = true;
            }
        }
        return handled;
    }
}
