package dev.releasetrain.delivery;

import dev.releasetrain.checks.CheckRunPublisher;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoConfigLoader;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.github.GitHubGateway;
import dev.releasetrain.github.GitHubRepository;

import java.util.Optional;

/**
 * What every handler of one delivery starts from, resolved once for all of them: the event, the repository through
 * the installation's client, and the repository's settings (read and parsed at most once per delivery, and only when
 * a handler asks). A config that cannot be used is answered here, the same way for every check.
 */
public final class EventContext {
    /** What contexts are made from: the app's GitHub door, config loader and check publisher. */
    public record Resolver(GitHubGateway github, RepoConfigLoader configs, CheckRunPublisher checks) {
        EventContext resolve(WebhookEvent event) {
            return new EventContext(this, event, event.repository());
        }
    }

    private final Resolver resolver;
    private final WebhookEvent event;
    private final String repository;
    private GitHubRepository github;
    private ConfigResult config;

    private EventContext(Resolver resolver, WebhookEvent event, String repository) {
        this.resolver = resolver;
        this.event = event;
        this.repository = repository;
    }

    public WebhookEvent event() {
        return event;
    }

    public String repository() {
        return repository;
    }

    /** The same delivery, about another repository of the installation (an installation event names several). */
    public EventContext forRepository(String other) {
        return new EventContext(resolver, event, other);
    }

    /** The repository through the installation's client: every capability's GitHub interface. */
    public synchronized GitHubRepository github() {
        if (github == null) {
            github = resolver.github().repository(event.installationId(), repository);
        }
        return github;
    }

    /** The repository's config as read from its default branch: usable, or broken with the line at fault. */
    public synchronized ConfigResult config() throws java.io.IOException {
        if (config == null) {
            config = resolver.configs().load(github());
        }
        return config;
    }

    /** The settings, or empty when the config file cannot be used (the checks say so; other behaviours stay quiet). */
    public Optional<RepoSettings> settings() throws java.io.IOException {
        return config() instanceof ConfigResult.Valid valid ? Optional.of(valid.settings()) : Optional.empty();
    }

    /**
     * The settings for a check on {@code headSha}; when the config file cannot be used, the check fails quoting the
     * problem and its line, and this is empty.
     */
    public Optional<RepoSettings> settingsForCheck(String check, String headSha) throws Exception {
        if (config() instanceof ConfigResult.Invalid invalid) {
            resolver.checks().publish(github(), CheckRunResult.brokenConfig(check, headSha, invalid.problem()));
            return Optional.empty();
        }
        return settings();
    }
}
