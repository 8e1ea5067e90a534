package dev.releasetrain.cherrypick;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * git's three-way merge of one text file, as JGit does it in memory: every hunk that merges cleanly is applied, and
 * each that does not is written between git's conflict markers, labelled the way {@code git cherry-pick} labels them.
 */
public final class ThreeWayText {
    /** The merged text and how many conflicting hunks it holds (0: merged cleanly). */
    public record Merged(byte[] bytes, int conflicts) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private ThreeWayText() {
    }

    /**
     * @param ours   the release branch's text (empty bytes: the file is not there)
     * @param theirs the fix's text
     */
    public static Merged merge(byte[] base, byte[] ours, byte[] theirs, String oursLabel, String theirsLabel) {
        MergeResult<RawText> result = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, new RawText(base), new RawText(ours), new RawText(theirs));
        int conflicts = 0;
        for (MergeChunk chunk : result) {
            if (chunk.getConflictState() == MergeChunk.ConflictState.FIRST_CONFLICTING_RANGE) {
                conflicts++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(ours.length, theirs.length) + 256);
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", oursLabel, theirsLabel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new Merged(out.toByteArray(), conflicts);
    }

    /** Binary content (git's test: a NUL byte near the start) has no lines to mark. */
    public static boolean binary(byte[] bytes) {
        return RawText.isBinary(bytes);
    }
}
