package dev.releasetrain.github;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The one door to GitHub: hands features a repository's client, all sharing tokens, caches and the transport. */
public final class GitHubGateway {
    private final GitHubTransport transport;
    private final InstallationTokens tokens;
    private final GitHubRepository.Shared shared;
    private final Map<Long, GitHubRest> clients = new ConcurrentHashMap<>();

    public GitHubGateway(GitHubTransport transport, InstallationTokens tokens, GitHubRepository.Shared shared) {
        this.transport = transport;
        this.tokens = tokens;
        this.shared = shared;
    }

    public GitHubRepository repository(long installationId, String repository) {
        return new GitHubRepository(clients.computeIfAbsent(installationId, id -> new GitHubRest(id, transport, tokens)), repository, shared);
    }
}
