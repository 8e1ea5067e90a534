package dev.releasetrain.migrations;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables a migration creates itself. Nobody reads or writes a table that did not exist before the migration, so
 * indexing, constraining or filling it locks nothing that matters: squawk's and strong_migrations' rules pass such
 * statements, and a warning is only given for a table that exists before the migration runs. A table created
 * {@code IF NOT EXISTS} may have existed, so it does not count as new.
 */
final class NewTables {
    private final Set<String> names = new HashSet<>();

    void add(String table) {
        names.add(key(table));
    }

    boolean contains(String table) {
        return names.contains(key(table));
    }

    /** Adds what {@code CREATE [TEMP|UNLOGGED] TABLE name} statements create. */
    void addCreatedBy(List<SqlStatements.Statement> statements) {
        for (SqlStatements.Statement s : statements) {
            int table = s.indexOf(0, "TABLE");
            boolean create = s.startsWith("CREATE") && table > 0 && table <= 3
                    && s.tokens().subList(1, table).stream().allMatch(t -> List.of("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL").contains(t));
            if (create && !s.has("IF", "NOT", "EXISTS") && table + 1 < s.tokens().size()) {
                add(SqlTables.name(s, table + 1));
            }
        }
    }

    /** A name as compared: without quotes or schema, in lower case ({@code "public"."Users"} and {@code users} are one). */
    static String key(String table) {
        String bare = table.replace("\"", "").replace("`", "").replace("'", "");
        return bare.substring(bare.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
