package dev.releasetrain.size;

import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.github.PullRequestFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pull request's size: the lines added and deleted in files that count, which files did not and why, and the
 * count per top folder. When GitHub capped the file list, the size is at least what was seen and says so.
 *
 * @param totalFiles the PR's changed_files; more than were listed means GitHub's 3,000-file cap was hit
 */
public record SizeMeasure(long countedLines, long excludedLines, int countedFiles, List<Excluded> excluded,
                          Map<String, Long> byFolder, int listedFiles, int totalFiles, String bucket) {

    public record Excluded(String path, int lines, String why) {
    }

    public boolean capped() {
        return capped(listedFiles, totalFiles);
    }

    /**
     * GitHub lists at most 3,000 files. A shorter list than changed_files says (a list read just after a push can
     * lag) is not a cap, and must not make a small pull request look huge.
     */
    private static boolean capped(int listed, int total) {
        return listed >= PullRequestFiles.MAX_PAGES * 100 && total > listed;
    }

    public static SizeMeasure of(List<ChangedFile> files, int totalFiles, ExcludedFiles exclusions, SizeBuckets buckets) {
        long counted = 0;
        long excludedLines = 0;
        int countedFiles = 0;
        List<Excluded> excluded = new ArrayList<>();
        Map<String, Long> byFolder = new TreeMap<>();
        for (ChangedFile f : files) {
            Optional<String> why = exclusions.reason(f.path());
            if (why.isPresent() && f.previousPath() != null && exclusions.reason(f.previousPath()).isEmpty()) {
                why = Optional.empty(); // a rename counts unless both its old and new paths are excluded
            }
            if (why.isPresent()) {
                excludedLines += f.lines();
                excluded.add(new Excluded(f.path(), f.lines(), why.get()));
            } else {
                counted += f.lines();
                countedFiles++;
                byFolder.merge(folder(f.path()), (long) f.lines(), Long::sum);
            }
        }
        String bucket = buckets.bucket(counted);
        if (capped(files.size(), totalFiles)) {
            bucket = buckets.labels().get(buckets.labels().size() - 1); // beyond GitHub's cap: never undercount
        }
        return new SizeMeasure(counted, excludedLines, countedFiles, excluded, byFolder, files.size(), totalFiles, bucket);
    }

    private static String folder(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? "(top level)" : path.substring(0, slash) + "/";
    }
}
