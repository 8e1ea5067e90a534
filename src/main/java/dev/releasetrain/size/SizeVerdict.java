package dev.releasetrain.size;

import dev.releasetrain.config.SizeSettings;

import java.util.List;

/**
 * What a pull request's size calls for, decided apart from the writes: its bucket label added (unless it has it),
 * other bucket labels removed, the hint comment shown or not, and the check failed or neutral.
 */
public record SizeVerdict(boolean addLabel, List<String> removeLabels, boolean hint, boolean fail) {

    /** @param labels the labels the pull request has now */
    public static SizeVerdict of(String bucket, List<String> labels, SizeSettings settings, SizeBuckets buckets) {
        List<String> stale = labels.stream().filter(l -> !l.equals(bucket) && buckets.rank(l) >= 0).toList();
        int rank = buckets.rank(bucket);
        boolean hint = from(settings.commentFrom(), rank, buckets) && !labels.contains(settings.skipLabel());
        boolean fail = !settings.failFrom().isEmpty() && from(settings.failFrom(), rank, buckets);
        return new SizeVerdict(!labels.contains(bucket), stale, hint, fail);
    }

    /** Whether a bucket of this rank is at or past the bucket a "from" setting names (a setting naming none: never). */
    private static boolean from(String setting, int rank, SizeBuckets buckets) {
        return buckets.rank(setting) >= 0 && rank >= buckets.rank(setting);
    }
}
