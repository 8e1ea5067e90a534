package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.kohsuke.github.GHPullRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull request's changed files, 100 a page up to GitHub's cap of 3,000. The list is fixed for a given head and
 * base commit, so it is kept (for the most recent pull requests) and every capability reading it on the same
 * push shares one listing, even when they ask at the same moment.
 */
public final class PullRequestFiles {
    public static final int MAX_PAGES = 30;
    private static final int REMEMBERED = 256;

    private final Map<String, List<ChangedFile>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ChangedFile>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Listings under way, so a second asker waits for the first instead of listing again. */
    private final SingleFlight<List<ChangedFile>> listings = new SingleFlight<>();

    /** @param pr the pull request as GitHub describes it (number, changed_files, head and base commits) */
    List<ChangedFile> list(GitHubRest rest, String repo, GHPullRequest pr) throws IOException {
        String key = repo + "#" + pr.getNumber() + "@" + pr.getHead().getSha() + ".." + pr.getBase().getSha();
        synchronized (recent) {
            List<ChangedFile> known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        return listings.once(key, () -> {
            List<ChangedFile> files = fetch(rest, repo, pr);
            synchronized (recent) {
                recent.put(key, files);
            }
            return files;
        });
    }

    private static List<ChangedFile> fetch(GitHubRest rest, String repo, GHPullRequest pr) throws IOException {
        long number = pr.getNumber();
        List<ChangedFile> files = new ArrayList<>();
        int pages = Math.max(1, Math.min(MAX_PAGES, (pr.getChangedFiles() + 99) / 100));
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
        return List.copyOf(files);
    }
}
