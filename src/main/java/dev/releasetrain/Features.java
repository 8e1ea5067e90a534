package dev.releasetrain;

import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.size.LabelPullRequestSize;

import java.util.List;

/** The behaviours the bot runs on each delivery; each capability adds its handlers here. */
public final class Features {
    private Features() {
    }

    public static List<EventHandler> all(App.Services services) {
        return List.of(new LabelPullRequestSize(services));
    }
}
