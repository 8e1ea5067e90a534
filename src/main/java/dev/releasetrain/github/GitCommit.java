package dev.releasetrain.github;

import java.util.List;

/** A commit as the git data API shows it: message, tree, parents (first parent first) and git's author, if named. */
public record GitCommit(String sha, String message, String tree, List<String> parents, String authorName, String authorEmail) {
    public boolean merge() {
        return parents.size() > 1;
    }
}
