package dev.releasetrain.migrations;

import java.util.List;
import java.util.Optional;

/** Which table a SQL statement works on, read from its tokens. */
final class SqlTables {
    private static final List<String> SKIPPED = List.of("ONLY", "IF", "EXISTS", "NOT", "CONCURRENTLY", "FROM", "INTO");

    private SqlTables() {
    }

    /**
     * The table an {@code ALTER TABLE}, {@code CREATE INDEX … ON}, {@code UPDATE}, {@code DELETE FROM} or
     * {@code INSERT INTO} statement changes; empty for anything else.
     */
    static Optional<String> target(SqlStatements.Statement s) {
        int at;
        if (s.startsWith("ALTER", "TABLE")) {
            at = 2;
        } else if (s.startsWith("CREATE", "INDEX") || s.startsWith("CREATE", "UNIQUE", "INDEX")) {
            at = s.indexOf(0, "ON") + 1;
            if (at == 0) {
                return Optional.empty();
            }
        } else if (s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("INSERT")) {
            at = 1;
        } else {
            return Optional.empty();
        }
        while (at < s.tokens().size() && SKIPPED.contains(s.tokens().get(at))) {
            at++;
        }
        return at < s.tokens().size() ? Optional.of(name(s, at)) : Optional.empty();
    }

    /** The (possibly schema-qualified, possibly quoted) name starting at token {@code at}: its last part. */
    static String name(SqlStatements.Statement s, int at) {
        List<String> t = s.tokens();
        int last = at;
        while (last + 2 < t.size() && t.get(last + 1).equals(".")) {
            last += 2;
        }
        return t.get(last);
    }
}
