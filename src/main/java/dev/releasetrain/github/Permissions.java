package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** A person's permission on a repository, as GitHub reports it, checked before anything that writes on their word. */
public final class Permissions {
    private static final Set<String> WRITE = Set.of("admin", "maintain", "write");

    private Permissions() {
    }

    public static boolean canWrite(GitHubRest rest, String repository, String login) throws IOException {
        GitHubRest.Reply r = rest.call("GET", "/repos/" + repository + "/collaborators/" + Paths.segment(login) + "/permission", null, Map.of());
        if (r.status() == 404) {
            return false; // not a collaborator
        }
        if (!r.ok()) {
            throw new GitHubApiException(r.status(), "reading @" + login + "'s permission answered " + r.status());
        }
        JsonNode body = r.body();
        // role_name tells maintain and triage apart; the older permission field folds them into write and read
        String role = body.path("role_name").asText(body.path("permission").asText("none"));
        return WRITE.contains(role);
    }
}
