package dev.releasetrain.github;

import java.util.List;

/**
 * Commits from base to head (oldest first, at most GitHub's 250), how many there are in all, and the paths changed (a
 * renamed file's old and new path; GitHub lists at most 300 files).
 */
public record Comparison(List<Commit> commits, int total, List<String> files) {
}
