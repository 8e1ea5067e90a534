package dev.releasetrain.delivery;

import dev.releasetrain.github.OfflineModel;
import org.kohsuke.github.GHEventPayload;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * One kind of delivery a behaviour takes: an event, which of its actions (none named: all), a test on the typed
 * payload decided without I/O, and what the behaviour does with one. A handler states its subscriptions once; the
 * router matches deliveries against them, so no handler opens with a switch over event names.
 *
 * @param event GitHub's event name, or the bot's own follow-up's (null: every event)
 * @param type  what the payload is read into: hub4j's event type, or a record of ours for what hub4j has no type for
 */
public record Subscription<T>(String event, Set<String> actions, Class<T> type, Reader<T> reader, Test<T> when, Action<T> run) {
    /** Reads the delivery's payload into the typed event. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(WebhookEvent event) throws IOException;
    }

    /** Whether the typed event is one for the behaviour (hub4j's getters declare IOException; offline they never throw it). */
    @FunctionalInterface
    public interface Test<T> {
        boolean test(T event) throws IOException;
    }

    /** What the behaviour does with the typed event. */
    @FunctionalInterface
    public interface Action<T> {
        void run(T event, EventContext context) throws Exception;
    }

    /** GitHub's event names for hub4j's event types. */
    private static final Map<Class<?>, String> NAMES = Map.of(GHEventPayload.PullRequest.class, "pull_request",
            GHEventPayload.PullRequestReview.class, "pull_request_review", GHEventPayload.IssueComment.class, "issue_comment",
            GHEventPayload.CheckRun.class, "check_run", GHEventPayload.CheckSuite.class, "check_suite", GHEventPayload.Push.class, "push",
            GHEventPayload.Create.class, "create", GHEventPayload.Delete.class, "delete", GHEventPayload.Installation.class, "installation",
            GHEventPayload.InstallationRepositories.class, "installation_repositories");

    /** A GitHub event hub4j has a type for, with these actions (none: any), when the test holds. */
    public static <T extends GHEventPayload> Subscription<T> on(Class<T> type, Set<String> actions, Test<T> when, Action<T> run) {
        String event = NAMES.get(type);
        if (event == null) {
            throw new IllegalArgumentException("no GitHub event is known for " + type.getName());
        }
        return new Subscription<>(event, actions, type, e -> OfflineModel.event(e.payload(), type), when, run);
    }

    public static <T extends GHEventPayload> Subscription<T> on(Class<T> type, Set<String> actions, Action<T> run) {
        return on(type, actions, e -> true, run);
    }

    /** An event read into a record of ours: a merge group (hub4j has no type), or a follow-up the bot scheduled for itself. */
    public static <T> Subscription<T> own(String event, Set<String> actions, Class<T> type, Reader<T> reader, Action<T> run) {
        return new Subscription<>(event, actions, type, reader, e -> true, run);
    }

    /** Whether the delivery's event and action are this subscription's (the payload is not read for this). */
    boolean names(WebhookEvent e) {
        return (event == null || event.equals(e.event())) && (actions.isEmpty() || actions.contains(e.action()));
    }
}
