package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The one door to GitHub: hands features a repository's client, all sharing tokens, caches and the transport. */
public final class GitHubGateway {
    private final GitHubTransport transport;
    private final InstallationTokens tokens;
    private final RepositoryClients.Shared shared;
    private final Map<Long, GitHubRest> clients = new ConcurrentHashMap<>();

    public GitHubGateway(GitHubTransport transport, InstallationTokens tokens, RepositoryClients.Shared shared) {
        this.transport = transport;
        this.tokens = tokens;
        this.shared = shared;
    }

    /**
     * A push to a branch: the files it touched may exist now, so what was remembered missing there is asked for
     * again. A forced push, a new branch or a deleted one touches everything.
     */
    public void pushed(String repository, JsonNode push) {
        String ref = push.path("ref").asText();
        if (!ref.startsWith("refs/heads/")) {
            return;
        }
        String branch = ref.substring("refs/heads/".length());
        Set<String> touched = null;
        if (!push.path("forced").asBoolean(false) && !push.path("created").asBoolean(false) && !push.path("deleted").asBoolean(false)) {
            touched = new HashSet<>();
            for (JsonNode c : push.path("commits")) {
                for (String kind : List.of("added", "removed", "modified")) {
                    for (JsonNode path : c.path(kind)) {
                        touched.add(path.asText());
                    }
                }
            }
        }
        shared.files().pushed(repository, branch, branch.equals(push.path("repository").path("default_branch").asText()), touched);
    }

    public RepositoryClients repository(long installationId, String repository) {
        return RepositoryClients.of(clients.computeIfAbsent(installationId, id -> new GitHubRest(id, transport, tokens)), repository, shared);
    }
}
