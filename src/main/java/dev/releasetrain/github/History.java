package dev.releasetrain.github;

import java.io.IOException;
import java.util.List;

/** The repository's history: its default branch, comparisons, the commits that touch a path. */
public interface History {
    String defaultBranch() throws IOException;

    Comparison compare(String base, String head) throws IOException;

    /** The commits reachable from {@code branch} that change {@code path}, newest first (the first 100). */
    List<String> commitsTouching(String branch, String path) throws IOException;
}
