package dev.releasetrain.delivery;

import java.util.List;
import java.util.Set;

/**
 * Hands a delivery to every handler that wants it, with one context resolved for all of them; a delivery no handler
 * wants is ignored, not an error.
 */
public final class EventRouter {
    /** Events about an account, not a repository: the only ones a handler may get without a repository named. */
    private static final Set<String> ACCOUNT_EVENTS = Set.of("installation", "installation_repositories");
    /** The handlers and what their contexts are made from; none until the app is registered. */
    private record Routes(List<EventHandler> handlers, EventContext.Resolver resolver) {
    }

    private volatile Routes routes = new Routes(List.of(), null);

    /** From now on deliveries go to these handlers (at start-up, or when registration finishes while running). */
    public void install(List<EventHandler> handlers, EventContext.Resolver resolver) {
        routes = new Routes(List.copyOf(handlers), resolver);
    }

    /** @return whether any handler took the delivery */
    public boolean route(WebhookEvent event) throws Exception {
        // every feature acts on a repository through an installation; a payload that names neither has nothing to act on
        if (event.installationId() == null || event.repository() == null && !ACCOUNT_EVENTS.contains(event.event())) {
            return false;
        }
        Routes current = routes;
        EventContext context = null;
        for (EventHandler h : current.handlers()) {
            if (h.handles(event)) {
                if (context == null) {
                    context = current.resolver().resolve(event);
                }
                h.handle(context);
            }
        }
        return context != null;
    }
}
