package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL into statements of tokens. Comments ({@code --}, {@code #} for MySQL, nested block comments) are
 * dropped; string literals ({@code '…'} with {@code ''}, {@code E'…'} with backslashes, PostgreSQL dollar quotes
 * {@code $tag$…$tag$}) become a single {@code '?'} token, so nothing inside them is read as SQL; quoted identifiers
 * ({@code "…"}, {@code `…`}, {@code […]}) stay quoted, so they are never keywords. Each statement keeps its first line.
 */
public final class SqlStatements {
    /** One statement: upper-cased keywords and names, literals as {@code '?'}. */
    public record Statement(List<String> tokens, int line) {
        public boolean has(String... words) {
            return indexOf(0, words) >= 0;
        }

        /** Where a run of consecutive tokens starts, from {@code from} on, or -1. */
        public int indexOf(int from, String... words) {
            outer:
            for (int i = from; i + words.length <= tokens.size(); i++) {
                for (int j = 0; j < words.length; j++) {
                    if (!tokens.get(i + j).equals(words[j])) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        public boolean startsWith(String... words) {
            return indexOf(0, words) == 0;
        }

        public String text() {
            return String.join(" ", tokens);
        }
    }

    private SqlStatements() {
    }

    public static List<Statement> parse(String sql) {
        List<Statement> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        if (sql.charAt(i) == '\n') {
                            line++;
                        }
                        i++;
                    }
                } while (i < n && depth > 0);
                continue;
            }
            if (startLine < 0 && c != ';') {
                startLine = line;
            }
            if (c == ';') {
                if (!tokens.isEmpty()) {
                    out.add(new Statement(List.copyOf(tokens), startLine));
                }
                tokens.clear();
                startLine = -1;
                i++;
                continue;
            }
            if (c == '\'' || (c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                boolean backslashes = c != '\'';
                i += backslashes ? 2 : 1;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (backslashes && d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == '\'') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                tokens.add("'?'");
                continue;
            }
            if (c == '$') {
                int close = sql.indexOf('$', i + 1);
                String tag = close > 0 ? sql.substring(i, close + 1) : null;
                if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                        && !(tag.length() > 2 && Character.isDigit(tag.charAt(1)))) {
                    int end = sql.indexOf(tag, close + 1);
                    int stop = end < 0 ? n : end + tag.length();
                    line += (int) sql.substring(i, stop).chars().filter(ch -> ch == '\n').count();
                    i = stop;
                    tokens.add("'?'");
                    continue;
                }
            }
            if (c == '"' || c == '`' || c == '[') {
                char closeQuote = c == '[' ? ']' : c;
                int end = sql.indexOf(closeQuote, i + 1);
                end = end < 0 ? n : end;
                // kept quoted: a table called "drop" is a name, never the keyword
                tokens.add('"' + sql.substring(i + 1, end).toUpperCase(Locale.ROOT) + '"');
                line += (int) sql.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 1;
                continue;
            }
            if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
                continue;
            }
            tokens.add(String.valueOf(c));
            i++;
        }
        if (!tokens.isEmpty()) {
            out.add(new Statement(List.copyOf(tokens), startLine));
        }
        return out;
    }
}
