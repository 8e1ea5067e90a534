package dev.releasetrain.cherrypick;

import dev.releasetrain.github.GitCommit;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.History;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pick that conflicts, made anyway as one commit on the release branch's head for a person to finish: each file the
 * fix changed is merged three ways (base: the fix's parent, ours: the release branch, theirs: the fix) with
 * {@link ThreeWayText}; a file only one side changed is taken whole, by its blob. What cannot hold conflict markers
 * (binary, over the contents API's 1 MB, not UTF-8, a workflow file) or is too big a pick leaves it to a person with the
 * git commands instead. Calls: the fix's commit, one comparison, three reads per changed file, the tree and commit.
 */
final class DraftConflictedPick {
    /** Files a drafted pick may change: a fix that touches more is no small backport, and each costs three reads. */
    static final int MAX_FILES = 50;
    /** Merged text held before it is written: the conflicting files' bytes, together. */
    static final long MAX_MERGED_BYTES = 8L * 1024 * 1024;

    /** How drafting came out: a commit with the markers, or why a person must do it. */
    sealed interface Drafting {
    }

    /** One file left with markers, and how many conflicting hunks it holds. */
    record ConflictedFile(String path, int conflicts) {
    }

    record Drafted(String head, List<ConflictedFile> files) implements Drafting {
    }

    record NotDrafted(String why) implements Drafting {
    }

    private final GitData git;
    private final History history;

    DraftConflictedPick(GitData git, History history) {
        this.git = git;
        this.history = history;
    }

    /**
     * @param commits the fix's commits, oldest first (a merge commit is taken against its first parent)
     * @param onto    the release branch's head
     */
    Drafting draft(List<String> commits, String target, String onto, String title) throws IOException {
        GitCommit first = git.commit(commits.get(0));
        String base = first.parents().get(0);
        String fix = commits.get(commits.size() - 1);
        List<String> paths = history.compare(base, fix).files();
        if (paths.size() > MAX_FILES) {
            return new NotDrafted("the fix changes " + paths.size() + " files, more than the " + MAX_FILES + " a drafted pick takes");
        }
        Optional<String> workflow = paths.stream().filter(p -> p.startsWith(".github/workflows/")).findFirst();
        if (workflow.isPresent()) {
            return new NotDrafted(PickReport.workflowRefused(workflow.get()));
        }
        String theirsLabel = fix.substring(0, 7) + " (" + first.message().lines().findFirst().orElse("").strip() + ")";
        List<GitData.TreeChange> changes = new ArrayList<>();
        List<ConflictedFile> conflicted = new ArrayList<>();
        long held = 0;
        for (String path : paths) {
            Optional<GitData.File> b = git.file(path, base);
            Optional<GitData.File> o = git.file(path, onto);
            Optional<GitData.File> t = git.file(path, fix);
            if (Objects.equals(blob(o), blob(b))) { // only the fix changed it: the fix's version, whole
                if (!Objects.equals(blob(t), blob(o))) {
                    changes.add(t.isEmpty() ? GitData.TreeChange.removed(path) : GitData.TreeChange.blob(path, t.get().blob()));
                }
                continue;
            }
            if (Objects.equals(blob(t), blob(b)) || Objects.equals(blob(t), blob(o))) {
                continue; // only the release branch changed it, or both the same way: the branch's stands
            }
            Optional<String> unmergeable = unmergeable(path, List.of(b, o, t));
            if (unmergeable.isPresent()) {
                return new NotDrafted(unmergeable.get());
            }
            ThreeWayText.Merged merged = ThreeWayText.merge(bytes(b), bytes(o), bytes(t), target, theirsLabel);
            held += merged.bytes().length;
            if (held > MAX_MERGED_BYTES) {
                return new NotDrafted("the conflicting files come to more than " + MAX_MERGED_BYTES / (1024 * 1024) + " MB");
            }
            if (merged.conflicts() > 0) {
                conflicted.add(new ConflictedFile(path, merged.conflicts()));
            }
            changes.add(t.isEmpty() && merged.bytes().length == 0 ? GitData.TreeChange.removed(path) : GitData.TreeChange.text(path, merged.text()));
        }
        if (changes.isEmpty()) {
            return new NotDrafted("git could not merge it, and no file of the fix differs from `" + target + "`");
        }
        StringBuilder message = new StringBuilder("[" + target + "] " + title + "\n\nConflicts to resolve:\n");
        conflicted.forEach(c -> message.append("\t").append(c.path()).append("\n"));
        commits.forEach(c -> message.append("\n(cherry picked from commit ").append(c).append(")"));
        message.append(CherryPickThroughMerges.credit(first));
        return new Drafted(git.commitChanges(onto, changes, message.toString()), List.copyOf(conflicted));
    }

    private static String blob(Optional<GitData.File> f) {
        return f.map(GitData.File::blob).orElse(null);
    }

    private static byte[] bytes(Optional<GitData.File> f) {
        return f.flatMap(GitData.File::bytes).orElse(new byte[0]);
    }

    /** Why this file cannot be written with conflict markers, if it cannot. */
    private static Optional<String> unmergeable(String path, List<Optional<GitData.File>> sides) {
        for (Optional<GitData.File> side : sides) {
            if (side.isPresent() && side.get().bytes().isEmpty()) {
                return Optional.of("`" + path + "` is over 1 MB, too large to merge here");
            }
            byte[] bytes = bytes(side);
            if (ThreeWayText.binary(bytes)) {
                return Optional.of("`" + path + "` is binary: git cannot mark conflicts in it");
            }
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                return Optional.of("`" + path + "` is not UTF-8 text, which is all GitHub's tree API writes");
            }
        }
        return Optional.empty();
    }
}
