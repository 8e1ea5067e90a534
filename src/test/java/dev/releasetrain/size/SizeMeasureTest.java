package dev.releasetrain.size;

import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.github.ChangedFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SizeMeasureTest {
    private static final SizeBuckets BUCKETS = SizeBuckets.from(new RepoConfigParser().defaultSettings().size());

    @Test
    void aListShorterThanChangedFilesIsNotGitHubsCap() {
        // the file list read just after a push can lag behind changed_files: a small pull request stays small
        SizeMeasure m = SizeMeasure.of(List.of(new ChangedFile("a.py", null, "modified", 3, 1)), 2, ExcludedFiles.of("", List.of()), BUCKETS);
        assertEquals("size/XS", m.bucket());
        assertFalse(m.capped());
    }
}
