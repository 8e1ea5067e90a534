package dev.releasetrain.delivery;

import java.util.List;

/** Hands a delivery to every handler that wants it; a delivery no handler wants is ignored, not an error. */
public final class EventRouter {
    private final List<EventHandler> handlers;

    public EventRouter(List<EventHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    /** @return whether any handler took the delivery */
    public boolean route(WebhookEvent event) throws Exception {
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
