package dev.releasetrain;

import dev.releasetrain.delivery.EventHandler;

import java.util.List;

/** The behaviours the bot runs on each delivery; each capability adds its handlers here. */
final class Features {
    private Features() {
    }

    static List<EventHandler> all(App.Services services) {
        return List.of();
    }
}
