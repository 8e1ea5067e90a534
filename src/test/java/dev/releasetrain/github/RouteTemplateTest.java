package dev.releasetrain.github;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteTemplateTest {
    @Test
    void keepsMetricLabelsFewWhateverTheRepositoryAndNumbers() {
        assertEquals("/repos/{owner}/{repo}/issues/{n}/comments", RouteTemplate.of("http://h/repos/a/b/issues/12/comments?per_page=100"));
        assertEquals("/repos/{owner}/{repo}/contents/{name}", RouteTemplate.of("http://h/repos/a/b/contents/.github/release-train.yml"));
        assertEquals("/repos/{owner}/{repo}/git/refs/{name}", RouteTemplate.of("http://h/repos/a/b/git/refs/heads/release-1.2.3"));
        assertEquals("/repos/{owner}/{repo}/commits/{sha}/check-runs",
                RouteTemplate.of("http://h/repos/a/b/commits/" + "a".repeat(40) + "/check-runs"));
        assertEquals("/app/installations/{n}/access_tokens", RouteTemplate.of("http://h/app/installations/5/access_tokens"));
        assertEquals("/api/v3/repos/{owner}/{repo}", RouteTemplate.of("http://ghe/api/v3/repos/a/b"));
    }

    @Test
    void noLoginTeamOrLabelBecomesAMetricLabel() {
        assertEquals("/repos/{owner}/{repo}/collaborators/{name}/permission", RouteTemplate.of("http://h/repos/a/b/collaborators/alice/permission"));
        assertEquals("/orgs/{name}/teams/{name}/memberships/{name}", RouteTemplate.of("http://h/orgs/acme/teams/releasers/memberships/bob"));
        assertEquals("/repos/{owner}/{repo}/issues/{n}/labels/{name}", RouteTemplate.of("http://h/repos/a/b/issues/3/labels/size%2FL"));
    }
}
