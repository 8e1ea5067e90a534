package dev.releasetrain.github;

import org.kohsuke.github.GHRelease;

import java.io.IOException;
import java.util.Optional;

/** GitHub releases, found by tag and published. */
public interface Releases {
    Optional<GHRelease> releaseByTag(String tag) throws IOException;

    GHRelease createRelease(String tag, String name, String body) throws IOException;
}
