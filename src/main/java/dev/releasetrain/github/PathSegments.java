package dev.releasetrain.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Pieces of REST paths: a label such as {@code size/L} must travel as one segment. */
public final class PathSegments {
    private PathSegments() {
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
