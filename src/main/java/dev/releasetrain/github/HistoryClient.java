package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository itself, comparisons and commit listings, for one repository; a merge group's pull requests from them. */
record HistoryClient(GitHubRest rest, String repo) implements History, MergeGroups {
    /** The line {@code git cherry-pick -x} (and Release Train's picks) add to a message. */
    private static final Pattern PICKED_FROM = Pattern.compile("\\(cherry picked from commit ([0-9a-f]{7,40})\\)");

    private String base() {
        return "/repos/" + repo;
    }

    @Override
    public String defaultBranch() throws IOException {
        return rest.get(base()).path("default_branch").asText();
    }

    @Override
    public Comparison compare(String from, String to) throws IOException {
        JsonNode c = rest.get(base() + "/compare/" + PathSegments.segment(from) + "..." + PathSegments.segment(to) + "?per_page=250");
        List<Commit> commits = new ArrayList<>();
        for (JsonNode n : c.path("commits")) {
            JsonNode commit = n.path("commit");
            String message = commit.path("message").asText();
            Matcher picked = PICKED_FROM.matcher(message);
            commits.add(new Commit(n.path("sha").asText(), message.lines().findFirst().orElse(""), n.path("author").path("login").asText(""),
                    commit.path("author").path("name").asText(""), picked.find() ? picked.group(1) : null, n.path("parents").size() > 1));
        }
        List<String> files = new ArrayList<>();
        c.path("files").forEach(f -> {
            files.add(f.path("filename").asText());
            if (f.hasNonNull("previous_filename")) { // a rename changes the path it leaves too
                files.add(f.path("previous_filename").asText());
            }
        });
        return new Comparison(commits, c.path("total_commits").asInt(commits.size()), files);
    }

    @Override
    public List<String> commitsTouching(String branch, String path) throws IOException {
        List<String> out = new ArrayList<>();
        rest.get(base() + "/commits?sha=" + PathSegments.segment(branch) + "&path=" + PathSegments.segment(path) + "&per_page=100")
                .forEach(c -> out.add(c.path("sha").asText()));
        return out;
    }

    @Override
    public List<Long> pullRequestsIn(String baseSha, String headSha) throws IOException {
        LinkedHashSet<Long> numbers = new LinkedHashSet<>();
        for (Commit c : compare(baseSha, headSha).commits()) {
            rest.get(base() + "/commits/" + c.sha() + "/pulls").forEach(pr -> numbers.add(pr.path("number").asLong()));
        }
        return List.copyOf(numbers);
    }
}
