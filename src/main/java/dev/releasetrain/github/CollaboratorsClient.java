package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** A collaborator's permission on one repository, and team memberships. */
record CollaboratorsClient(GitHubRest rest, String repo) implements Collaborators {
    private static final Set<String> WRITE = Set.of("admin", "maintain", "write");

    @Override
    public boolean canWrite(String login) throws IOException {
        Optional<JsonNode> found = rest.getIfPresent("/repos/" + repo + "/collaborators/" + PathSegments.segment(login) + "/permission",
                "reading @" + login + "'s permission"); // 404: not a collaborator
        // role_name tells maintain and triage apart; the older permission field folds them into write and read
        return found.map(body -> WRITE.contains(body.path("role_name").asText(body.path("permission").asText("none")))).orElse(false);
    }

    @Override
    public boolean activeTeamMember(String org, String team, String login) throws IOException {
        return rest.getIfPresent("/orgs/" + PathSegments.segment(org) + "/teams/" + PathSegments.segment(team) + "/memberships/"
                        + PathSegments.segment(login), "reading the membership of team " + org + "/" + team)
                .map(m -> "active".equals(m.path("state").asText())).orElse(false);
    }
}
