package dev.releasetrain.config;

import java.util.regex.Pattern;

/**
 * A path pattern as .gitattributes and .gitignore write them: {@code *} within a segment, {@code **} across
 * segments, {@code ?} one character; a pattern without a slash matches a file name in any folder; a trailing slash
 * matches everything under that folder.
 */
public record Glob(String pattern, Pattern regex) {
    public static Glob of(String pattern) {
        String p = pattern.strip();
        boolean folder = p.endsWith("/");
        if (folder) {
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append(folder ? "/.*" : "(?:/.*)?");
        return new Glob(pattern, Pattern.compile(re.toString()));
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }
}
