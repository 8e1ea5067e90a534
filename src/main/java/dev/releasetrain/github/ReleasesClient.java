package dev.releasetrain.github;

import org.kohsuke.github.GHRelease;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@code /repos/{owner}/{repo}/releases…} for one repository. */
record ReleasesClient(GitHubRest rest, String repo) implements Releases {
    private String base() {
        return "/repos/" + repo + "/releases";
    }

    @Override
    public Optional<GHRelease> releaseByTag(String tag) throws IOException {
        var found = rest.getIfPresent(base() + "/tags/" + PathSegments.segment(tag), "reading the release " + tag);
        return found.isEmpty() ? Optional.empty() : Optional.of(OfflineModel.read(found.get(), GHRelease.class));
    }

    @Override
    public GHRelease createRelease(String tag, String name, String body) throws IOException {
        return OfflineModel.read(rest.expect("POST", base(), Map.of("tag_name", tag, "name", name, "body", body, "draft", false,
                "prerelease", false)), GHRelease.class);
    }
}
