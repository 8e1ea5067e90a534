package dev.releasetrain.size;

import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.config.SizeSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a size calls for: the label, the stale labels, the hint and the check's failure, decided apart from the writes. */
class SizeVerdictTest {
    private static final SizeSettings DEFAULTS = new RepoConfigParser().defaultSettings().size();

    private static List<String> list(String spaced) {
        return spaced == null ? List.of() : List.of(spaced.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                  | bucket   | labels now                | comment-from | fail-from | add   | remove          | hint  | fail
            "a new small PR                          | size/XS  |                           | size/L       |           | true  |                 | false | false",
            "unchanged label: nothing to add         | size/M   | size/M bug                | size/L       |           | false |                 | false | false",
            "grew: old bucket label goes             | size/L   | size/S size/M             | size/L       |           | true  | size/S size/M   | true  | false",
            "shrank below the hint                   | size/M   | size/L                    | size/L       |           | true  | size/L          | false | false",
            "skip label silences the hint            | size/XL  | size/skip-hint            | size/L       |           | true  |                 | false | false",
            "skip label is not a bucket              | size/XL  | size/XL size/skip-hint    | size/L       |           | false |                 | false | false",
            "fail-from reached                       | size/XXL | size/XXL                  | size/L       | size/XL   | false |                 | true  | true",
            "fail-from not reached                   | size/L   | size/L                    | size/L       | size/XL   | false |                 | true  | false",
            "comment-from naming no bucket: no hint  | size/XXL |                           | never        |           | true  |                 | false | false",
    })
    void decides(String name, String bucket, String labels, String commentFrom, String failFrom, boolean add, String remove, boolean hint,
                 boolean fail) {
        SizeSettings settings = new SizeSettings(true, DEFAULTS.thresholds(), List.of(), commentFrom, failFrom == null ? "" : failFrom,
                DEFAULTS.skipLabel());
        SizeVerdict v = SizeVerdict.of(bucket, list(labels), settings, SizeBuckets.from(settings));
        assertEquals(new SizeVerdict(add, list(remove), hint, fail), v, name);
    }

    @ParameterizedTest(name = "{0} lines → {1}")
    @CsvSource({"0, size/XS", "9, size/XS", "10, size/S", "29, size/S", "30, size/M", "99, size/M", "100, size/L", "499, size/L",
            "500, size/XL", "999, size/XL", "1000, size/XXL", "250000, size/XXL"})
    void bucketsByTheDefaultThresholds(long lines, String bucket) {
        assertEquals(bucket, SizeBuckets.from(DEFAULTS).bucket(lines));
    }
}
