package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kohsuke.github.GHCheckRun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /repos/{owner}/{repo}/check-runs} and a commit's runs, for one repository. */
record CheckRunsClient(GitHubRest rest, String repo) implements CheckRuns {
    private String base() {
        return "/repos/" + repo;
    }

    @Override
    public String repository() {
        return repo;
    }

    @Override
    public Optional<Long> findCheckRun(String headSha, String name) throws IOException {
        JsonNode runs = rest.get(base() + "/commits/" + PathSegments.segment(headSha) + "/check-runs?check_name=" + PathSegments.segment(name)
                + "&filter=latest");
        for (JsonNode r : runs.path("check_runs")) {
            if (r.path("name").asText().equals(name)) {
                return Optional.of(r.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    @Override
    public long createCheckRun(ObjectNode body) throws IOException {
        return rest.expect("POST", base() + "/check-runs", body).path("id").asLong();
    }

    @Override
    public void updateCheckRun(long id, ObjectNode body) throws IOException {
        rest.expect("PATCH", base() + "/check-runs/" + id, body);
    }

    @Override
    public List<GHCheckRun> checkRuns(String sha) throws IOException {
        List<GHCheckRun> out = new ArrayList<>();
        for (JsonNode run : rest.get(base() + "/commits/" + PathSegments.segment(sha) + "/check-runs?per_page=100").path("check_runs")) {
            out.add(OfflineModel.read(run, GHCheckRun.class));
        }
        return out;
    }
}
