package dev.releasetrain.size;

import dev.releasetrain.config.SizeSettings;

import java.util.List;

/** The size labels in order, with the line counts a pull request must stay under to be in each. */
public record SizeBuckets(List<String> names, List<Integer> limits) {
    public static final String PREFIX = "size/";
    private static final List<String> NAMES = SizeSettings.BUCKETS;

    public static SizeBuckets from(SizeSettings settings) {
        return new SizeBuckets(NAMES, settings.thresholds());
    }

    /** The bucket a count of changed lines falls in: the first whose limit it stays under, else size/XXL. */
    public String bucket(long lines) {
        for (int i = 0; i < names.size(); i++) {
            if (lines < limits.get(i)) {
                return PREFIX + names.get(i);
            }
        }
        return PREFIX + "XXL";
    }

    /** Position in the order XS..XXL, for "from this size on" settings; -1 for a name that is not a bucket. */
    public int rank(String label) {
        if (label.equals(PREFIX + "XXL")) {
            return names.size();
        }
        return label.startsWith(PREFIX) ? names.indexOf(label.substring(PREFIX.length())) : -1;
    }

    /** One of the labels this bot sets (size/XS … size/XXL), as opposed to, say, size/skip-hint. */
    public static boolean isBucketLabel(String label) {
        return label.startsWith(PREFIX) && (NAMES.contains(label.substring(PREFIX.length())) || label.equals(PREFIX + "XXL"));
    }

    public List<String> labels() {
        List<String> all = new java.util.ArrayList<>(names.stream().map(n -> PREFIX + n).toList());
        all.add(PREFIX + "XXL");
        return all;
    }
}
