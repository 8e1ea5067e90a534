package dev.releasetrain.config;

import java.util.List;

/**
 * What a value of one key (or each item of a list key) may be, beyond its type: checked when a file is read, and
 * written into the JSON Schema editors use. Null fields do not constrain.
 *
 * @param allowed the only values allowed (ignoring case when {@code anyCase})
 * @param pattern a regex the whole value matches
 * @param hint    what a value must be, in words, for the message
 */
record Rule(List<String> allowed, boolean anyCase, Long min, Long max, String pattern, Integer maxLength, String hint) {
    static Rule oneOf(List<String> values) {
        return new Rule(values, false, null, null, null, null, "one of " + String.join(", ", values.stream().map(v -> v.isEmpty() ? "\"\"" : v).toList()));
    }

    /** One of these, written in any case (Monday and monday are the same day). */
    static Rule oneOfAnyCase(List<String> values) {
        return new Rule(values, true, null, null, null, null, "one of " + String.join(", ", values));
    }

    static Rule between(long min, long max) {
        return new Rule(null, false, min, max, null, null, "a whole number from " + min + " to " + max);
    }

    static Rule matching(String pattern, Integer maxLength, String hint) {
        return new Rule(null, false, null, null, pattern, maxLength, hint);
    }
}
