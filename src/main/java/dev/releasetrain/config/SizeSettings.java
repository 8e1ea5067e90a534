package dev.releasetrain.config;

import java.util.List;

/**
 * The {@code size} section.
 *
 * @param thresholds the limits of size/XS, S, M, L and XL, in that order
 * @param failFrom   empty: the check stays neutral
 */
public record SizeSettings(boolean enabled, List<Integer> thresholds, List<String> exclude, String commentFrom, String failFrom,
                           String skipLabel) {
    /** The bucket names the thresholds belong to, in order (size/XXL lies above the last). */
    public static final List<String> BUCKETS = List.of("XS", "S", "M", "L", "XL");
}
