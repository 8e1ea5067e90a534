package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A pull request's changed files, 100 a page up to GitHub's cap of 3,000; pages past the last are not asked for. */
public final class PullRequestFiles {
    public static final int MAX_PAGES = 30;

    private PullRequestFiles() {
    }

    public static List<ChangedFile> list(GitHubRest rest, String repo, long number, int changedFiles) throws IOException {
        List<ChangedFile> files = new ArrayList<>();
        int pages = Math.max(1, Math.min(MAX_PAGES, (changedFiles + 99) / 100));
        for (int page = 1; page <= pages; page++) {
            JsonNode list = rest.get("/repos/" + repo + "/pulls/" + number + "/files?per_page=100&page=" + page);
            for (JsonNode f : list) {
                files.add(new ChangedFile(f.path("filename").asText(), f.hasNonNull("previous_filename") ? f.path("previous_filename").asText() : null,
                        f.path("status").asText(), f.path("additions").asInt(), f.path("deletions").asInt()));
            }
            if (list.size() < 100) {
                break;
            }
        }
        return files;
    }
}
