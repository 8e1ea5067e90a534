package dev.releasetrain.size;

import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.github.ChangedFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SizeMeasureTest {
    private static final SizeBuckets BUCKETS = SizeBuckets.from(new RepoConfigParser().defaults());

    @Test
    void aListShorterThanChangedFilesIsNotGitHubsCap() {
        // the file list read just after a push can lag behind changed_files: a small pull request stays small
        SizeMeasure m = SizeMeasure.of(List.of(new ChangedFile("a.py", null, "modified", 3, 1)), 2, ExcludedFiles.of("", List.of()), BUCKETS);
        assertEquals("size/XS", m.bucket());
        assertFalse(m.capped());
    }

    @Test
    void threeThousandFilesListedOfMoreIsTheCapAndAtLeastTheLargestSize() {
        List<ChangedFile> files = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            files.add(new ChangedFile("f" + i, null, "modified", 0, 0));
        }
        SizeMeasure m = SizeMeasure.of(files, 3500, ExcludedFiles.of("", List.of()), BUCKETS);
        assertTrue(m.capped());
        assertEquals("size/XXL", m.bucket());
    }
}
