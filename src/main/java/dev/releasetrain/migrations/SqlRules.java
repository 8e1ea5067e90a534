package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes a SQL migration unsafe to ship in one release. Destructive statements (the old code still running
 * against the new schema breaks) must wait for a second, "contract" stage; statements that rewrite or lock big
 * tables are better run as an asynchronous data migration.
 *
 * @param engine postgresql, mysql or sqlite: which statements rewrite or lock depends on it
 */
public record SqlRules(String engine) {
    /**
     * A finding without its file: whether it breaks backwards compatibility (else a warning), line, the rule's name
     * (what a suppression names) and message.
     */
    public record Issue(boolean destructive, int line, String rule, String message) {
    }

    private record Found(String rule, String message) {
    }

    private static java.util.Optional<Found> found(String rule, String message) {
        return java.util.Optional.of(new Found(rule, message));
    }

    /** Every rule's name, for suppressions. */
    public static final List<String> RULES = List.of("drop-table", "truncate", "rename-table", "drop-column", "rename", "change-type",
            "set-not-null", "not-null-without-default", "unbatched-update", "insert-select", "index-without-concurrently",
            "default-rewrites-table", "alter-field", "validates-constraint");

    /** What DROP may drop inside an ALTER TABLE that is not a column. */
    private static final java.util.Set<String> NOT_A_COLUMN = java.util.Set.of("CONSTRAINT", "DEFAULT", "NOT", "INDEX", "KEY", "PRIMARY",
            "FOREIGN", "IDENTITY", "EXPRESSION", "PARTITION", "CHECK");
    /** Where a column's DEFAULT expression ends: the constraints that may follow it. */
    private static final List<String> DEFAULT_ENDS = List.of("NOT", "NULL", "CONSTRAINT", "CHECK", "REFERENCES", "UNIQUE", "PRIMARY",
            "COLLATE", "GENERATED");
    /** Syntax that looks like a call, and built-in functions that are immutable or stable: no rewrite on PostgreSQL 11+. */
    private static final java.util.Set<String> NON_VOLATILE = java.util.Set.of("CAST", "ARRAY", "ROW", "COALESCE", "NULLIF", "GREATEST",
            "LEAST", "NOW", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "TRANSACTION_TIMESTAMP", "STATEMENT_TIMESTAMP", "LOWER", "UPPER",
            "CONCAT", "LENGTH", "ABS", "ROUND", "JSON_BUILD_OBJECT", "JSONB_BUILD_OBJECT", "JSON_BUILD_ARRAY", "JSONB_BUILD_ARRAY",
            "TO_JSON", "TO_JSONB", "ARRAY_FILL", "MAKE_DATE", "MAKE_INTERVAL", "TO_TIMESTAMP", "TO_DATE", "TO_CHAR", "DATE_TRUNC",
            "CURRENT_SETTING");

    public List<Issue> check(String sql, int firstLine) {
        return check(sql, firstLine, new NewTables());
    }

    /**
     * @param created the tables the migration creates elsewhere (a framework's own operations); the tables this SQL
     *                creates are added to it. A warning about a table created in the same migration is not given:
     *                nobody uses it yet. Destructive findings stand either way.
     */
    List<Issue> check(String sql, int firstLine, NewTables created) {
        List<SqlStatements.Statement> statements = SqlStatements.parse(sql);
        created.addCreatedBy(statements);
        List<Issue> out = new ArrayList<>();
        for (SqlStatements.Statement s : statements) {
            int line = s.line() + firstLine - 1;
            destructive(s).ifPresent(f -> out.add(new Issue(true, line, f.rule(), f.message())));
            heavy(s).filter(f -> SqlTables.target(s).map(t -> !created.contains(t)).orElse(true))
                    .ifPresent(f -> out.add(new Issue(false, line, f.rule(), f.message())));
        }
        return out;
    }

    private java.util.Optional<Found> destructive(SqlStatements.Statement s) {
        if (s.startsWith("DROP", "TABLE")) {
            return found("drop-table", "DROP TABLE removes a table the running release may still use");
        }
        if (s.startsWith("DROP", "SCHEMA") || s.startsWith("DROP", "DATABASE")) {
            return found("drop-table", s.tokens().get(0) + " " + s.tokens().get(1) + " removes every table in it");
        }
        if (s.startsWith("TRUNCATE")) {
            return found("truncate", "TRUNCATE deletes every row");
        }
        if (s.startsWith("RENAME", "TABLE")) {
            return found("rename-table", "RENAME TABLE breaks code that still uses the old name");
        }
        if (!s.startsWith("ALTER", "TABLE")) {
            return java.util.Optional.empty();
        }
        if (dropsColumn(s)) {
            return found("drop-column", "DROP COLUMN removes a column the running release may still read or write");
        }
        if (s.has("RENAME")) {
            return found("rename", "RENAME breaks code that still uses the old name");
        }
        if (s.has("TYPE") && s.has("ALTER") && s.indexOf(2, "ALTER") >= 0 || s.has("SET", "DATA", "TYPE")
                || s.has("MODIFY") || s.has("CHANGE", "COLUMN")) {
            return found("change-type", "changing a column's type can break the running release and rewrites the table");
        }
        if (s.has("SET", "NOT", "NULL")) {
            return found("set-not-null", "SET NOT NULL on an existing column fails while the running release still writes NULLs");
        }
        // a generated or auto-increment column fills itself
        if (s.has("ADD") && s.has("NOT", "NULL") && !s.has("DEFAULT") && !s.has("CONSTRAINT") && !s.has("GENERATED") && !s.has("AUTO_INCREMENT")) {
            return found("not-null-without-default", "a NOT NULL column without a DEFAULT cannot be added to a table with rows "
                    + "(and the running release does not set it)");
        }
        return java.util.Optional.empty();
    }

    /** ALTER TABLE … DROP [COLUMN] name, but not DROP CONSTRAINT / DEFAULT / NOT NULL / INDEX / KEY. */
    private static boolean dropsColumn(SqlStatements.Statement s) {
        int alterColumn = s.indexOf(2, "ALTER"); // an ALTER [COLUMN] inside the statement, after its own ALTER TABLE
        for (int i = s.indexOf(0, "DROP"); i >= 0; i = s.indexOf(i + 1, "DROP")) {
            String next = i + 1 < s.tokens().size() ? s.tokens().get(i + 1) : "";
            if (next.equals("COLUMN")) {
                return true;
            }
            boolean other = NOT_A_COLUMN.contains(next);
            boolean inAlterColumn = i >= 3 && alterColumn >= 0 && alterColumn < i;
            if (!other && !inAlterColumn && !next.isEmpty() && !next.equals(",")) {
                return true;
            }
        }
        return false;
    }

    private java.util.Optional<Found> heavy(SqlStatements.Statement s) {
        if ((s.startsWith("UPDATE") || s.startsWith("DELETE")) && !s.has("WHERE")) {
            return found("unbatched-update", s.tokens().get(0) + " without WHERE touches every row and locks the table: "
                    + "consider an asynchronous data migration in batches");
        }
        if (s.startsWith("INSERT") && s.has("SELECT")) {
            return found("insert-select", "INSERT … SELECT copies data while the migration holds its locks: "
                    + "consider an asynchronous data migration");
        }
        if (engine.equals("postgresql") && (s.startsWith("CREATE", "INDEX") || s.startsWith("CREATE", "UNIQUE", "INDEX"))
                && !s.has("CONCURRENTLY")) {
            return found("index-without-concurrently", "CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds");
        }
        if (engine.equals("postgresql") && s.startsWith("DROP", "INDEX") && !s.has("CONCURRENTLY")) {
            return found("index-without-concurrently", "DROP INDEX without CONCURRENTLY blocks reads and writes of the table while it "
                    + "waits for its lock");
        }
        if (engine.equals("postgresql") && s.startsWith("ALTER", "TABLE") && s.has("ADD") && (s.has("FOREIGN", "KEY") || s.has("CHECK"))
                && !s.has("NOT", "VALID")) {
            return found("validates-constraint", "adding a FOREIGN KEY or CHECK constraint checks every row while it holds a lock: add "
                    + "it NOT VALID, then VALIDATE CONSTRAINT in a later migration");
        }
        if (engine.equals("postgresql") && s.startsWith("ALTER", "TABLE") && s.has("ADD") && (s.has("UNIQUE") || s.has("PRIMARY", "KEY"))
                && !s.has("USING", "INDEX")) {
            return found("index-without-concurrently", "a UNIQUE or PRIMARY KEY constraint builds its index while blocking writes: "
                    + "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … USING INDEX");
        }
        if (s.startsWith("ALTER", "TABLE") && s.has("ADD") && fillsEveryRow(s)) {
            return found("default-rewrites-table", "a column that fills every existing row (a serial, an identity, a stored generated "
                    + "column, an auto-increment) rewrites the whole table under an exclusive lock");
        }
        if (s.startsWith("ALTER", "TABLE") && s.has("ADD") && s.has("DEFAULT") && rewritesOnDefault(s)) {
            return found("default-rewrites-table", "adding a column with this DEFAULT rewrites the whole table on " + engine
                    + ": add it without a default, backfill asynchronously, then set the default");
        }
        return java.util.Optional.empty();
    }

    /** Columns whose values are computed for every existing row when they are added. */
    private boolean fillsEveryRow(SqlStatements.Statement s) {
        return engine.equals("postgresql") && (s.has("SERIAL") || s.has("BIGSERIAL") || s.has("SMALLSERIAL") || s.has("AS", "IDENTITY")
                || s.has("GENERATED") && s.has("STORED")) || engine.equals("mysql") && s.has("AUTO_INCREMENT");
    }

    /**
     * MySQL before instant DDL rewrites for any default. PostgreSQL 11+ stores a non-volatile default once, without
     * touching a row (a constant, a cast, an empty array, {@code now()}), and rewrites only for a volatile one: a
     * known volatile function, or any function it does not know, since a function declared without a volatility is
     * volatile.
     */
    private boolean rewritesOnDefault(SqlStatements.Statement s) {
        if (engine.equals("mysql")) {
            return true;
        }
        if (!engine.equals("postgresql")) {
            return false;
        }
        for (int d = s.indexOf(0, "DEFAULT"); d >= 0; d = s.indexOf(d + 1, "DEFAULT")) {
            if (callsVolatile(s.tokens(), d + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the DEFAULT expression starting at {@code from} calls a function not known to be non-volatile. */
    private static boolean callsVolatile(List<String> t, int from) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            String token = t.get(i);
            if (token.equals("(")) {
                depth++;
            } else if (token.equals(")") && --depth < 0 || depth == 0 && (token.equals(",") || DEFAULT_ENDS.contains(token))) {
                return false;
            } else if (i + 1 < t.size() && t.get(i + 1).equals("(") && !NON_VOLATILE.contains(token.substring(token.lastIndexOf('.') + 1))) {
                return true;
            }
        }
        return false;
    }
}
