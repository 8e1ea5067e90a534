package dev.releasetrain.size;

import java.util.Comparator;
import java.util.Map;

/** The words people read: the check's summary and the sticky comment. Pure text from a {@link SizeMeasure}. */
public final class SizeReport {
    private static final int MAX_ROWS = 30;

    private SizeReport() {
    }

    public static String title(SizeMeasure m) {
        return m.bucket() + ": " + m.countedLines() + " changed lines in " + m.countedFiles() + " files"
                + (m.capped() ? " (at least: GitHub lists only the first " + m.listedFiles() + " of " + m.totalFiles() + " files)" : "");
    }

    public static String summary(SizeMeasure m) {
        StringBuilder s = new StringBuilder();
        s.append("Size is additions + deletions over the files that count: **").append(m.countedLines()).append(" lines** → `")
                .append(m.bucket()).append("`.\n\n");
        if (m.capped()) {
            s.append("> GitHub lists at most ").append(m.listedFiles()).append(" files of a pull request; this one changes ")
                    .append(m.totalFiles()).append(", so the count is a lower bound and the PR is treated as the largest size.\n\n");
        }
        s.append(breakdown(m.byFolder()));
        if (!m.excluded().isEmpty()) {
            s.append("\n**Not counted** (").append(m.excludedLines()).append(" lines):\n\n| file | lines | why |\n|---|---:|---|\n");
            m.excluded().stream().sorted(Comparator.comparingInt(SizeMeasure.Excluded::lines).reversed()).limit(MAX_ROWS)
                    .forEach(e -> s.append("| `").append(e.path()).append("` | ").append(e.lines()).append(" | ").append(e.why()).append(" |\n"));
            if (m.excluded().size() > MAX_ROWS) {
                s.append("| … and ").append(m.excluded().size() - MAX_ROWS).append(" more | | |\n");
            }
        }
        s.append("\nLock files, vendored and generated code are not counted; a repository adds globs with `size.exclude` ")
                .append("in `.github/release-train.yml` and marks files `linguist-generated` in `.gitattributes`.\n");
        return s.toString();
    }

    /** The sticky comment: the count, where it is, and a friendly way forward. */
    /** @param skipLabel the label that silences the hint ({@code size.skip-label}) */
    public static String comment(SizeMeasure m, String marker, String skipLabel) {
        return marker + "\n### This pull request is " + m.bucket() + " (" + m.countedLines() + " changed lines)\n\n"
                + "Pull requests are easiest to review, and safest to merge, when they can be read in one sitting and "
                + "merged within a day. Some ways to get there:\n\n"
                + "- split it into a stack of smaller pull requests, each reviewable on its own;\n"
                + "- merge unfinished work early behind a feature flag, so it ships dark in small steps;\n"
                + "- move mechanical changes (renames, formatting, generated files) into a pull request of their own.\n\n"
                + breakdown(m.byFolder())
                + "\n<sub>Add the label `" + skipLabel + "` to silence this note. It updates itself as the pull request changes.</sub>\n";
    }

    private static String breakdown(Map<String, Long> byFolder) {
        if (byFolder.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("| folder | changed lines |\n|---|---:|\n");
        byFolder.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(MAX_ROWS)
                .forEach(e -> s.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" |\n"));
        return s.toString();
    }
}
