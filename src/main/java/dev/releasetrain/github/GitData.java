package dev.releasetrain.github;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Git objects and refs through GitHub's git data API: enough to pick, bump and tag without a clone. */
public interface GitData {
    /** What a merge through the merges API came to: merged (with the tree), nothing to merge, or a conflict. */
    record Merge(int status, String tree) {
        public boolean conflict() {
            return status == 409;
        }

        public boolean nothingToMerge() {
            return status == 204;
        }
    }

    /** The object a ref such as {@code heads/main} or {@code tags/1.2.3} points at; empty when there is no such ref. */
    Optional<String> ref(String ref) throws IOException;

    /** Creates {@code refs/…}; false when it exists already (someone, or an earlier attempt, made it). */
    boolean createRef(String ref, String sha) throws IOException;

    /** Moves a branch to {@code sha}; without {@code force} GitHub refuses anything but a fast-forward. */
    void updateBranch(String branch, String sha, boolean force) throws IOException;

    /** Removes a branch, if it is there. */
    void deleteBranch(String branch) throws IOException;

    GitCommit commit(String sha) throws IOException;

    /** The tree a commit has, when it can be read (an approval of an older commit counts when the tree is the same). */
    Optional<String> tree(String sha);

    /** @return the new commit's SHA */
    String createCommit(String message, String tree, List<String> parents) throws IOException;

    /** Merges {@code head} into the branch {@code base} on GitHub. */
    Merge merge(String base, String head, String message) throws IOException;

    /** A file as a commit holds it: its blob, and its bytes when GitHub serves them (the contents API's 1 MB). */
    record File(String blob, Optional<byte[]> bytes) {
    }

    /** One path of a new tree: new text, an existing blob, or (both null) removed. */
    record TreeChange(String path, String text, String blob) {
        public static TreeChange text(String path, String text) {
            return new TreeChange(path, text, null);
        }

        public static TreeChange blob(String path, String blob) {
            return new TreeChange(path, null, blob);
        }

        public static TreeChange removed(String path) {
            return new TreeChange(path, null, null);
        }
    }

    /** The file at {@code path} in {@code commit}; empty when the commit has no such file. */
    Optional<File> file(String path, String commit) throws IOException;

    /** A commit on top of {@code parent} whose tree is the parent's with these changes. */
    String commitChanges(String parent, List<TreeChange> changes, String message) throws IOException;

    /** A commit on top of {@code parent} whose tree is the parent's with these files' texts. */
    default String commitFiles(String parent, Map<String, String> files, String message) throws IOException {
        return commitChanges(parent, files.entrySet().stream().map(f -> TreeChange.text(f.getKey(), f.getValue())).toList(), message);
    }

    /** An annotated tag object; the ref is made separately (GitHub's two steps). */
    String createTagObject(String tag, String sha, String message) throws IOException;

    /** The commit a tag ref's object stands for: an annotated tag's target, or the commit a lightweight tag names. */
    String taggedCommit(String objectSha) throws IOException;

    /** The names of every tag. */
    List<String> tags() throws IOException;
}
