package dev.releasetrain.cherrypick;

import java.util.ArrayList;
import java.util.List;

/**
 * git's conflict markers left in a text: lines of seven {@code <} or {@code >} (alone or followed by a space and a
 * label), and the {@code =======} and {@code |||||||} lines between them. A lone {@code =======} outside a conflict is a
 * heading underline in Markdown or reStructuredText, not a marker. One pass, linear in the text.
 */
public final class ConflictMarkers {
    private ConflictMarkers() {
    }

    /** The 1-based numbers of the marker lines. */
    public static List<Integer> lines(String text) {
        List<Integer> out = new ArrayList<>();
        boolean inside = false;
        int number = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (marker(line, '<')) {
                inside = true;
                out.add(number);
            } else if (marker(line, '>')) {
                inside = false;
                out.add(number);
            } else if (inside && (marker(line, '=') || marker(line, '|'))) {
                out.add(number);
            }
            start = end + 1;
        }
        return out;
    }

    private static boolean marker(String line, char c) {
        if (line.length() < 7 || (line.length() > 7 && line.charAt(7) != ' ')) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (line.charAt(i) != c) {
                return false;
            }
        }
        return c != '=' || line.length() == 7;
    }
}
