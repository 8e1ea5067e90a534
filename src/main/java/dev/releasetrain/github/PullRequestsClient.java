package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.kohsuke.github.GHPullRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /repos/{owner}/{repo}/pulls…} for one repository. */
record PullRequestsClient(GitHubRest rest, String repo, PullRequestFiles files) implements PullRequests {
    private String base() {
        return "/repos/" + repo + "/pulls";
    }

    @Override
    public void requestReviewers(long number, List<String> logins) throws IOException {
        rest.expect("POST", base() + "/" + number + "/requested_reviewers", Map.of("reviewers", logins));
    }

    @Override
    public GHPullRequest pullRequest(long number) throws IOException {
        return OfflineModel.read(rest.get(base() + "/" + number), GHPullRequest.class);
    }

    @Override
    public List<ChangedFile> changedFiles(GHPullRequest pullRequest) throws IOException {
        return files.list(rest, repo, pullRequest);
    }

    @Override
    public List<GHPullRequest> pullRequestsFrom(String branch) throws IOException {
        List<GHPullRequest> out = new ArrayList<>();
        for (JsonNode pr : rest.get(base() + "?state=all&head=" + PathSegments.segment(repo.split("/")[0] + ":" + branch))) {
            out.add(OfflineModel.read(pr, GHPullRequest.class));
        }
        return out;
    }

    @Override
    public GHPullRequest openPullRequest(String title, String head, String baseBranch, String body, boolean draft) throws IOException {
        return OfflineModel.read(rest.expect("POST", base(), Map.of("title", title, "head", head, "base", baseBranch, "body", body, "draft", draft)),
                GHPullRequest.class);
    }

    @Override
    public void enableAutoMerge(GHPullRequest pullRequest, String method) throws IOException {
        rest.graphql("mutation($id: ID!, $method: PullRequestMergeMethod!) { enablePullRequestAutoMerge(input: {pullRequestId: $id, "
                + "mergeMethod: $method}) { pullRequest { number } } }", Map.of("id", pullRequest.getNodeId(), "method", method));
    }

    @Override
    public List<String> commitMessages(long number) throws IOException {
        List<String> messages = new ArrayList<>();
        rest.get(base() + "/" + number + "/commits?per_page=100").forEach(c -> messages.add(c.path("commit").path("message").asText()));
        return messages;
    }

    @Override
    public List<PullRequestReview> reviews(long number) throws IOException {
        List<PullRequestReview> out = new ArrayList<>();
        for (int page = 1; page <= 30; page++) {
            JsonNode list = rest.get(base() + "/" + number + "/reviews?per_page=100&page=" + page);
            list.forEach(r -> out.add(PullRequestReview.read(r)));
            if (list.size() < 100) {
                break;
            }
        }
        return out;
    }
}
