package dev.releasetrain.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Pieces of REST paths: a label such as {@code size/L} must travel as one segment, a file path as its segments. */
public final class PathSegments {
    private PathSegments() {
    }

    /** One segment: every character that is not unreserved is escaped, a slash included. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A file path: each segment escaped, the slashes between them kept ({@code a b/x%41.py} → {@code a%20b/x%2541.py}). */
    public static String path(String value) {
        return Arrays.stream(value.split("/", -1)).map(PathSegments::segment).collect(Collectors.joining("/"));
    }
}
