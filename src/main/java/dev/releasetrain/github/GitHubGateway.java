package dev.releasetrain.github;

import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The one door to GitHub: hands features a client per installation, all sharing tokens and the transport. */
public final class GitHubGateway {
    private final GitHubTransport transport;
    private final InstallationTokens tokens;
    private final Map<Long, InstallationClient> clients = new ConcurrentHashMap<>();

    public GitHubGateway(GitHubTransport transport, InstallationTokens tokens) {
        this.transport = transport;
        this.tokens = tokens;
    }

    public InstallationClient installation(long installationId) {
        return clients.computeIfAbsent(installationId, this::create);
    }

    private InstallationClient create(long id) {
        GitHubTransport.Reauthorize reauthorize = () -> "token " + tokens.refresh(id);
        try {
            GitHub hub = new GitHubBuilder()
                    .withEndpoint(transport.apiBase().toString())
                    .withConnector(new Hub4jConnector(transport, GitHubTransport.Caller.installation(id), reauthorize))
                    .withAuthorizationProvider(() -> "token " + tokens.token(id))
                    // limits are handled by the transport (waiting briefly, else rescheduling the delivery); hub4j must not sleep on them
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
            return new InstallationClient(id, hub, new GitHubRest(id, transport, tokens));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
