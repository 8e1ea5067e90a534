package dev.releasetrain.delivery;

import dev.releasetrain.checks.CheckRunPublisher;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoConfigLoader;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.github.GitHubGateway;
import dev.releasetrain.github.OfflineModel;
import dev.releasetrain.github.RepositoryClients;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every handler of one delivery starts from, resolved once for all of them: the event (its payload read into
 * each typed form once), the repository through the installation's client, the repository's settings (read and
 * parsed at most once per delivery, and only when a handler asks), and the pull requests the event is about. A
 * config that cannot be used is answered here, the same way for every check.
 */
public final class EventContext {
    private static final Logger log = LoggerFactory.getLogger(EventContext.class);
    /** What contexts are made from: the app's GitHub door, config loader and check publisher. */
    public record Resolver(GitHubGateway github, RepoConfigLoader configs, CheckRunPublisher checks) {
        EventContext resolve(WebhookEvent event) {
            return new EventContext(this, event, event.repository(), new ConcurrentHashMap<>());
        }
    }

    private final Resolver resolver;
    private final WebhookEvent event;
    private final String repository;
    /** The payload in each typed form asked for, shared by the delivery's handlers. */
    private final Map<Class<?>, Object> typed;
    private RepositoryClients github;
    private ConfigResult config;

    private EventContext(Resolver resolver, WebhookEvent event, String repository, Map<Class<?>, Object> typed) {
        this.resolver = resolver;
        this.event = event;
        this.repository = repository;
        this.typed = typed;
    }

    public WebhookEvent event() {
        return event;
    }

    public String repository() {
        return repository;
    }

    public long installationId() {
        return event.installationId();
    }

    /** The same delivery, about another repository of the installation (an installation event names several). */
    public EventContext forRepository(String other) {
        return new EventContext(resolver, event, other, typed);
    }

    /** A payload that could not be read as a type: remembered, so it is tried once per delivery. */
    private record Unreadable(RuntimeException why) {
    }

    /** The payload read into a subscription's type, once per delivery. */
    <T> T payload(Subscription<T> subscription) throws IOException {
        Object known = typed.get(subscription.type());
        if (known == null) {
            try {
                known = subscription.reader().read(event);
            } catch (RuntimeException unreadable) { // hub4j's binding refuses a payload missing what GitHub always sends
                log.warn("delivery {}: its {} payload cannot be read as {} ({}); not handled", event.deliveryId(), event.event(),
                        subscription.type().getSimpleName(), unreadable.toString().lines().findFirst().orElse(""));
                known = new Unreadable(unreadable);
            }
            typed.put(subscription.type(), known);
        }
        if (known instanceof Unreadable u) {
            throw u.why();
        }
        return subscription.type().cast(known);
    }

    private <T extends GHEventPayload> T payload(Class<T> type) throws IOException {
        Object known = typed.get(type);
        if (known == null) {
            known = OfflineModel.event(event.payload(), type);
            typed.put(type, known);
        }
        return type.cast(known);
    }

    /** The repository through the installation's client, resource by resource. */
    public synchronized RepositoryClients github() {
        if (github == null) {
            github = resolver.github().repository(event.installationId(), repository);
        }
        return github;
    }

    /**
     * The pull requests the event is about, at most {@code max}: a {@code pull_request}'s own; a review's, read whole
     * (the review payload's copy lacks fields, draft among them on older events); those a check run or check suite
     * lists, read whole. Other events are about none.
     */
    public List<GHPullRequest> pullRequests(int max) throws IOException {
        List<GHPullRequest> listed = switch (event.event()) {
            case "pull_request" -> List.of(payload(GHEventPayload.PullRequest.class).getPullRequest());
            case "pull_request_review" -> List.of(payload(GHEventPayload.PullRequestReview.class).getPullRequest());
            case "check_run" -> payload(GHEventPayload.CheckRun.class).getCheckRun().getPullRequests();
            case "check_suite" -> payload(GHEventPayload.CheckSuite.class).getCheckSuite().getPullRequests();
            default -> List.of();
        };
        if (event.event().equals("pull_request")) {
            return listed;
        }
        List<GHPullRequest> whole = new ArrayList<>();
        for (GHPullRequest pr : listed.subList(0, Math.min(max, listed.size()))) {
            whole.add(github().pullRequests().pullRequest(pr.getNumber()));
        }
        return whole;
    }

    /** The repository's config as read from its default branch: usable, or broken with the line at fault. */
    public synchronized ConfigResult config() throws IOException {
        if (config == null) {
            config = resolver.configs().load(repository, github().contents());
        }
        return config;
    }

    /** What a behaviour does with the repository's settings. */
    @FunctionalInterface
    public interface WithSettings {
        void run(RepoSettings settings) throws Exception;
    }

    /** Runs {@code action} with the settings; with a config file that cannot be used, nothing (the checks say why). */
    public void withSettings(WithSettings action) throws Exception {
        Optional<RepoSettings> settings = settings();
        if (settings.isPresent()) {
            action.run(settings.get());
        }
    }

    /** The settings, or empty when the config file cannot be used (the checks say so; other behaviours stay quiet). */
    public Optional<RepoSettings> settings() throws IOException {
        return config() instanceof ConfigResult.Valid valid ? Optional.of(valid.settings()) : Optional.empty();
    }

    /**
     * The settings for a check on {@code headSha}; when the config file cannot be used, the check fails quoting the
     * problem and its line, and this is empty.
     */
    public Optional<RepoSettings> settingsForCheck(String check, String headSha) throws Exception {
        if (config() instanceof ConfigResult.Invalid invalid) {
            resolver.checks().publish(github().checkRuns(), CheckRunResult.brokenConfig(check, headSha, invalid.problem()));
            return Optional.empty();
        }
        return settings();
    }
}
