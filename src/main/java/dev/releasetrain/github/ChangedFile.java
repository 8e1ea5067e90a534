package dev.releasetrain.github;

/** One file of a pull request as GitHub lists it. */
public record ChangedFile(String path, String previousPath, String status, int additions, int deletions) {
    public int lines() {
        return additions + deletions;
    }
}
