package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Python or Ruby migration as code with its string literals and comments blanked out (newlines kept, so
 * lines still count), plus the string literals themselves with the line each starts on: an operation named in a
 * comment or a docstring is not an operation, and SQL passed to RunSQL / execute is analysed as SQL.
 */
public final class ScriptScanner {
    public record Literal(String text, int line) {
    }

    public record Scanned(String code, List<Literal> strings) {
    }

    private ScriptScanner() {
    }

    public static Scanned scan(String source, boolean ruby) {
        StringBuilder code = new StringBuilder(source.length());
        List<Literal> strings = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '#') { // a comment to the end of the line (Ruby "#{}" only occurs inside strings, skipped below)
                while (i < n && source.charAt(i) != '\n') {
                    code.append(' ');
                    i++;
                }
                continue;
            }
            if (ruby && source.startsWith("<<", i) && i + 2 < n && (source.charAt(i + 2) == '~' || source.charAt(i + 2) == '-'
                    || Character.isUpperCase(source.charAt(i + 2)))) {
                int j = i + 2 + (Character.isUpperCase(source.charAt(i + 2)) ? 0 : 1);
                int k = j;
                while (k < n && (Character.isLetterOrDigit(source.charAt(k)) || source.charAt(k) == '_')) {
                    k++;
                }
                String tag = source.substring(j, k);
                int bodyStart = source.indexOf('\n', k);
                if (!tag.isEmpty() && bodyStart > 0) {
                    int end = bodyStart;
                    int scan = bodyStart + 1;
                    while (scan < n) {
                        int eol = source.indexOf('\n', scan);
                        eol = eol < 0 ? n : eol;
                        if (source.substring(scan, eol).strip().equals(tag)) {
                            end = eol;
                            break;
                        }
                        scan = eol + 1;
                        end = n;
                    }
                    // the rest of the opening line stays code (e.g. "execute <<~SQL"), the body is the literal
                    code.append(" ".repeat(k - i)).append(source, k, bodyStart);
                    strings.add(new Literal(source.substring(bodyStart + 1, Math.min(end, n)), line + 1));
                    for (int p = bodyStart; p < end && p < n; p++) {
                        code.append(source.charAt(p) == '\n' ? '\n' : ' ');
                        if (source.charAt(p) == '\n') {
                            line++;
                        }
                    }
                    i = end;
                    continue;
                }
            }
            if (c == '\'' || c == '"') {
                String quote = !ruby && source.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int start = i + quote.length();
                int j = start;
                while (j < n && !source.startsWith(quote, j)) {
                    if (source.charAt(j) == '\\') {
                        j++;
                    }
                    j++;
                }
                int end = Math.min(j, n);
                strings.add(new Literal(source.substring(start, end), line));
                for (int p = i; p < Math.min(end + quote.length(), n); p++) {
                    char ch = source.charAt(p);
                    code.append(ch == '\n' ? '\n' : ' ');
                    if (ch == '\n') {
                        line++;
                    }
                }
                i = Math.min(end + quote.length(), n);
                continue;
            }
            if (c == '\n') {
                line++;
            }
            code.append(c);
            i++;
        }
        return new Scanned(code.toString(), strings);
    }

    /** Where each line of the last text asked about starts: asked again and again about one text, each ask is a search. */
    private record LineStarts(String text, int[] starts) {
    }

    private static final ThreadLocal<LineStarts> LAST = new ThreadLocal<>();

    /** The 1-based line of {@code offset} in {@code text}, in logarithmic time once the text's lines are indexed. */
    static int lineOf(String text, int offset) {
        LineStarts known = LAST.get();
        if (known == null || known.text() != text) {
            int[] starts = new int[16];
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (n == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            known = new LineStarts(text, java.util.Arrays.copyOf(starts, n));
            LAST.set(known);
        }
        int at = java.util.Arrays.binarySearch(known.starts(), offset);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /**
     * Where an argument that starts at {@code from} ends: the comma or closing bracket at its own depth. Quoted text
     * is not looked inside, so it serves raw source as well as scanned code (whose strings are blank).
     */
    static int argumentEnd(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                if (depth-- == 0) {
                    return i;
                }
            } else if (ch == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Python refuses brackets nested deeper than this ("too many nested parentheses"). */
    static final int MAX_NESTING = 200;

    /**
     * Why the scanned code's brackets cannot be read, if they cannot: one that does not match, one left open, or a
     * nesting deeper than {@link #MAX_NESTING}. Python would refuse such a file; the checker, which follows calls by
     * their brackets, reads each character a bounded number of times only when they balance.
     */
    static Optional<String> unbalanced(String code) {
        char[] open = new char[MAX_NESTING];
        int[] at = new int[MAX_NESTING];
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') {
                if (depth == MAX_NESTING) {
                    return Optional.of("brackets nested more than " + MAX_NESTING + " deep on line " + lineOf(code, i));
                }
                open[depth] = ch == '(' ? ')' : ch == '[' ? ']' : '}';
                at[depth++] = i;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                if (depth == 0 || open[depth - 1] != ch) {
                    return Optional.of("a `" + ch + "` on line " + lineOf(code, i) + " closes no bracket");
                }
                depth--;
            }
        }
        return depth == 0 ? Optional.empty() : Optional.of("a bracket opened on line " + lineOf(code, at[depth - 1]) + " is never closed");
    }
}
