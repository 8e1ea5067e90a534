package dev.releasetrain.migrations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Django and Rails migrations: the destructive operations by name, and the SQL they run by hand. */
public final class FrameworkRules {
    /**
     * An operation by name; with {@code needs}, only where that follows in the same statement, and with {@code forbids},
     * not where that does (its options: {@code null: false}, {@code algorithm: :concurrently}). Each line's options are
     * looked for once ({@link LaterOnLine}), never again per occurrence: a line of a thousand calls stays linear.
     */
    private record Op(Pattern pattern, Pattern needs, Pattern forbids, boolean destructive, String rule, String message) {
        Op(Pattern pattern, boolean destructive, String rule, String message) {
            this(pattern, null, null, destructive, rule, message);
        }
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    private static final List<Op> DJANGO = List.of(
            new Op(Pattern.compile("\\bRemoveField\\s*\\("), true, "drop-column", "RemoveField drops a column the running release may still use"),
            new Op(Pattern.compile("\\bDeleteModel\\s*\\("), true, "drop-table", "DeleteModel drops a table the running release may still use"),
            new Op(Pattern.compile("\\bRenameField\\s*\\("), true, "rename", "RenameField breaks code that still uses the old column name"),
            new Op(Pattern.compile("\\bRenameModel\\s*\\("), true, "rename-table", "RenameModel breaks code that still uses the old table name"));
    private static final List<Op> RAILS = List.of(
            new Op(Pattern.compile("\\bremove_column\\b"), true, "drop-column", "remove_column drops a column the running release may still use"),
            new Op(Pattern.compile("\\bremove_columns\\b"), true, "drop-column", "remove_columns drops columns the running release may still use"),
            new Op(Pattern.compile("\\b(remove_reference|remove_belongs_to)\\b"), true, "drop-column", "remove_reference drops a column the running release may still use"),
            new Op(Pattern.compile("\\bdrop_table\\b"), true, "drop-table", "drop_table removes a table the running release may still use"),
            new Op(Pattern.compile("\\brename_column\\b"), true, "rename", "rename_column breaks code that still uses the old name"),
            new Op(Pattern.compile("\\brename_table\\b"), true, "rename-table", "rename_table breaks code that still uses the old name"),
            new Op(Pattern.compile("\\bremove_timestamps\\b"), true, "drop-column",
                    "remove_timestamps drops created_at and updated_at, which the running release may still use"),
            new Op(Pattern.compile("\\brename_schema\\b"), true, "rename-table",
                    "rename_schema renames every table in the schema for code that still uses the old name"),
            new Op(Pattern.compile("\\bchange_column\\s"), true, "change-type", "change_column changes a column's type: the running release may break and the table is rewritten"),
            new Op(p("\\bchange_column_null\\b"), p(",\\s*false\\b"), null, true, "set-not-null", "change_column_null … false adds NOT NULL while the running release may still write NULLs"));
    /** strong_migrations' list, beyond dropping and renaming: constraints validated in one go, NOT NULL without a default. */
    private static final List<Op> RAILS_MORE = List.of(
            new Op(p("\\badd_column\\b"), p("\\bnull:\\s*false"), p("\\bdefault:"), true, "not-null-without-default",
                    "add_column … null: false without a default: the running release inserts rows without the column, and they fail"),
            new Op(Pattern.compile("\\bt\\.remove\\b"), true, "drop-column", "t.remove drops a column the running release may still use"),
            new Op(p("\\bcreate_table\\b"), p("\\bforce:\\s*(true|:cascade)"), null, true, "drop-table",
                    "create_table … force: drops the table first if it exists, with its rows"),
            new Op(Pattern.compile("\\bt\\.rename\\b"), true, "rename", "t.rename breaks code that still uses the old name"),
            new Op(Pattern.compile("\\bt\\.change\\b"), true, "change-type", "t.change changes a column's type: the running release may break and the table is rewritten"),
            new Op(p("\\badd_foreign_key\\b"), null, p("\\bvalidate:\\s*false"), false, "validates-constraint",
                    "add_foreign_key checks every row while it locks both tables: add it with validate: false, then validate_foreign_key in a later migration"),
            new Op(p("\\badd_check_constraint\\b"), null, p("\\bvalidate:\\s*false"), false, "validates-constraint",
                    "add_check_constraint checks every row while it locks the table: add it with validate: false, then validate_check_constraint later"));
    /** On PostgreSQL an index is built without blocking writes only concurrently. */
    private static final List<Op> RAILS_POSTGRES = List.of(
            new Op(p("\\b(add_index|remove_index)\\b"), null, p("\\balgorithm:\\s*:concurrently"), false, "index-without-concurrently",
                    "an index added or removed without algorithm: :concurrently blocks writes to the table (with disable_ddl_transaction!)"),
            // index: { …, algorithm: :concurrently } or index: false; the option is looked for on the rest of the line
            new Op(p("\\b(add_reference|add_belongs_to)\\b"), null, p("\\bindex:\\s*false|\\balgorithm:\\s*:concurrently"), false,
                    "index-without-concurrently", "add_reference builds its index without algorithm: :concurrently, blocking writes"));
    private static final List<Op> DJANGO_MORE = List.of(
            new Op(Pattern.compile("\\bAddConstraint\\s*\\("), false, "validates-constraint",
                    "AddConstraint checks every row while it locks the table: on big tables add it NOT VALID and validate it separately"));
    private static final List<Op> DJANGO_POSTGRES = List.of(
            new Op(Pattern.compile("\\b(AddIndex|RemoveIndex)\\s*\\("), false, "index-without-concurrently",
                    "AddIndex / RemoveIndex block writes while they run: use AddIndexConcurrently / RemoveIndexConcurrently in a non-atomic migration"));
    private static final Pattern DJANGO_SQL = Pattern.compile("\\bRunSQL\\s*\\(");
    private static final Pattern RAILS_SQL = Pattern.compile("\\bexecute\\b");

    private FrameworkRules() {
    }

    private static final Pattern DJANGO_ADD_FIELD = Pattern.compile("\\bAddField\\s*\\(");
    /** A default Django keeps on the model (not {@code default=None}, which leaves the column NULL). */
    private static final Pattern DEFAULT_KEPT = Pattern.compile("(?<![\\w.])default\\s*=\\s*(?!None\\b)");
    /** Django 5's database default ({@code db_default=None} is no default at all). */
    private static final Pattern DATABASE_DEFAULT = Pattern.compile("\\bdb_default\\s*=\\s*(?!None\\b)");
    /** {@code create_table :name} / {@code create_table "name"} and the rest of its line. */
    private static final Pattern RAILS_CREATE_TABLE = Pattern.compile("\\bcreate_table\\s*\\(?\\s*[:\"']?(\\w+)([^\\n]*)");
    /** An operation's first argument, the table it works on: {@code add_index :users, …}, {@code add_index("users", …)}. */
    private static final Pattern RAILS_FIRST_ARGUMENT = Pattern.compile("\\w+\\s*\\(?\\s*[:\"']?(\\w+)");
    /** Fields that add no column of their own. */
    private static final Pattern NO_COLUMN = Pattern.compile("\\bManyToManyField\\b|\\bGeneratedField\\b");
    /** Rails' rollback halves: {@code def down … end} and a {@code reversible} block's {@code dir.down { … }} / {@code do … end}. */
    private static final Pattern BLOCK_WORDS = Pattern.compile("\\b(def|do|if|unless|case|begin|while|until|class|module|end)\\b");
    private static final Pattern RAILS_DOWN = Pattern.compile("(?m)^(\\s*)def\\s+(self\\.)?down\\b");
    private static final Pattern RAILS_DIR_DOWN = Pattern.compile("\\b\\w+\\.down\\s*(\\{|do\\b)");
    /** Django's RunSQL reverse half. */
    private static final Pattern DJANGO_REVERSE_SQL = Pattern.compile("\\breverse_sql\\s*=");

    /**
     * @param path    the migration's path, for {@code earlier}
     * @param earlier the same app's migrations before this one, read only if an AlterField needs them
     */
    public static List<SqlRules.Issue> django(String source, SqlRules sql, String path, EarlierMigrations earlier) throws IOException {
        ScriptScanner.Scanned scanned = ScriptScanner.scan(source, false);
        Optional<String> unreadable = ScriptScanner.unbalanced(scanned.code());
        if (unreadable.isPresent()) { // what is not read is never passed
            return List.of(new SqlRules.Issue(true, 1, "unreadable", "This migration cannot be checked: " + unreadable.get()
                    + ". Python would not run it either"));
        }
        NewTables created = DjangoFields.createdModels(source);
        Set<String> databaseDefaults = DjangoFields.databaseDefaultsAdded(source);
        List<SqlRules.Issue> out = check(withoutDjangoReverseSql(scanned), ops(sql, DJANGO, DJANGO_MORE, DJANGO_POSTGRES), DJANGO_SQL, sql,
                created, at -> DjangoFields.modelOf(source, scanned.code(), at));
        out.addAll(alteredFields(source, path, earlier, databaseDefaults));
        Matcher m = DJANGO_ADD_FIELD.matcher(scanned.code());
        int covered = 0;
        while (m.find()) {
            if (m.start() < covered) {
                continue; // inside the previous call (one left unclosed runs to the end): each character is read once
            }
            String call = balanced(scanned.code(), m.end() - 1); // strings blanked: a keyword inside one is not an argument
            covered = m.end() - 1 + call.length();
            boolean nullable = call.matches("(?s).*\\bnull\\s*=\\s*True\\b.*");
            boolean keepsDefault = DEFAULT_KEPT.matcher(call).find() && !call.matches("(?s).*\\bpreserve_default\\s*=\\s*False\\b.*")
                    || DATABASE_DEFAULT.matcher(call).find() || DjangoFields.fieldOf(DjangoFields.call(source, scanned.code(), m.end() - 1)).filter(databaseDefaults::contains).isPresent();
            boolean onNewModel = DjangoFields.modelOf(source, scanned.code(), m.start()).filter(created::contains).isPresent();
            if (!nullable && !keepsDefault && !NO_COLUMN.matcher(call).find()) {
                out.add(new SqlRules.Issue(true, ScriptScanner.lineOf(scanned.code(), m.start()), "not-null-without-default", "AddField of a NOT NULL column without a default "
                        + "(neither null=True nor a default kept): the running release inserts rows without it, and they fail"));
            }
            if (sql.engine().equals("postgresql") && !onNewModel && call.matches("(?s).*\\b(unique|db_index)\\s*=\\s*True\\b.*")) {
                out.add(new SqlRules.Issue(false, ScriptScanner.lineOf(scanned.code(), m.start()), "index-without-concurrently", "AddField with "
                        + "unique=True or db_index=True builds its index while blocking writes: add the field plain, then "
                        + "AddIndexConcurrently in a non-atomic migration"));
            }
        }
        out.sort(java.util.Comparator.comparingInt(SqlRules.Issue::line));
        return out;
    }

    /**
     * Each AlterField judged against the field's definition before it: a type changed, a length shortened or NULL no
     * longer allowed break the running release; anything else is harmless. A field whose definition cannot be found
     * is a warning to check by hand.
     */
    private static List<SqlRules.Issue> alteredFields(String source, String path, EarlierMigrations earlier, Set<String> databaseDefaults)
            throws IOException {
        List<DjangoFields.Alteration> alterations = DjangoFields.alterations(source);
        if (alterations.isEmpty()) {
            return List.of();
        }
        Optional<List<String>> before = earlier.before(path);
        List<SqlRules.Issue> out = new ArrayList<>();
        for (DjangoFields.Alteration a : alterations) {
            Optional<DjangoFields.Field> was = before.flatMap(b -> DjangoFields.definedIn(b, a.model(), a.name()));
            if (was.isPresent()) {
                // a database default added in the same migration fills the rows the running release inserts without it
                boolean defaulted = databaseDefaults.contains(DjangoFields.key(a.model(), a.name()));
                out.addAll(DjangoFields.judge(a, was.get()).stream().filter(i -> !(defaulted && i.rule().equals("set-not-null"))).toList());
            } else {
                out.add(new SqlRules.Issue(false, a.line(), "alter-field", "AlterField of " + a.model() + "." + a.name() + ": "
                        + (before.isEmpty() ? "the app's earlier migrations could not be read" : "its earlier definition is not in the app's "
                        + "latest " + EarlierMigrations.MOST + " migrations") + ", so check by hand that the type, length and NULL stay compatible"));
            }
        }
        return out;
    }

    public static List<SqlRules.Issue> rails(String source, SqlRules sql) {
        String forward = withoutRailsDown(source);
        ScriptScanner.Scanned scanned = ScriptScanner.scan(forward, true);
        NewTables created = new NewTables();
        Matcher table = RAILS_CREATE_TABLE.matcher(forward);
        while (table.find()) {
            if (!table.group(2).matches(".*\\bif_not_exists:\\s*true\\b.*")) {
                created.add(table.group(1));
            }
        }
        return check(scanned, ops(sql, RAILS, RAILS_MORE, RAILS_POSTGRES), RAILS_SQL, sql, created, at -> {
            Matcher first = RAILS_FIRST_ARGUMENT.matcher(forward);
            return first.find(at) && first.start() == at ? Optional.of(first.group(1)) : Optional.empty();
        });
    }

    private static List<Op> ops(SqlRules sql, List<Op> always, List<Op> more, List<Op> postgres) {
        List<Op> all = new ArrayList<>(always);
        all.addAll(more);
        if (sql.engine().equals("postgresql")) {
            all.addAll(postgres);
        }
        return all;
    }

    /**
     * The source with the rollback halves blanked (newlines kept, so lines still count): they do not ship forward.
     * Blocks are taken in order and a {@code down} inside one already blanked is part of it, so each character is
     * walked once however many there are (an unclosed block runs to the end).
     */
    static String withoutRailsDown(String source) {
        String code = ScriptScanner.scan(source, true).code();
        List<int[]> starts = new ArrayList<>(); // {start, end of the match, 1 for a braced block}
        Matcher def = RAILS_DOWN.matcher(code);
        while (def.find()) {
            starts.add(new int[] {def.start(), def.end(), 0});
        }
        Matcher dir = RAILS_DIR_DOWN.matcher(code);
        while (dir.find()) {
            starts.add(new int[] {dir.start(), dir.end(), dir.group(1).equals("{") ? 1 : 0});
        }
        starts.sort(java.util.Comparator.comparingInt(m -> m[0]));
        char[] out = source.toCharArray();
        int covered = 0;
        for (int[] m : starts) {
            if (m[0] < covered) {
                continue;
            }
            covered = m[2] == 1 ? closing(code, m[1] - 1, '{', '}') : endOfBlock(code, m[1]);
            blank(out, m[0], covered);
        }
        return new String(out);
    }

    /** The scanned code with every {@code reverse_sql=…} argument and the literals inside it left out. */
    private static ScriptScanner.Scanned withoutDjangoReverseSql(ScriptScanner.Scanned scanned) {
        String code = scanned.code();
        List<int[]> reverse = new ArrayList<>(); // line ranges of reverse_sql arguments, in order
        Matcher m = DJANGO_REVERSE_SQL.matcher(code);
        int covered = 0;
        while (m.find()) {
            if (m.start() < covered) {
                continue; // inside the previous argument
            }
            covered = ScriptScanner.argumentEnd(code, m.end());
            reverse.add(new int[]{ScriptScanner.lineOf(code, m.start()), ScriptScanner.lineOf(code, covered)});
        }
        if (reverse.isEmpty()) {
            return scanned;
        }
        List<ScriptScanner.Literal> forward = new ArrayList<>();
        int r = 0;
        for (ScriptScanner.Literal s : scanned.strings()) { // both in order: one walk
            while (r < reverse.size() && reverse.get(r)[1] < s.line()) {
                r++;
            }
            if (r == reverse.size() || s.line() < reverse.get(r)[0]) {
                forward.add(s);
            }
        }
        return new ScriptScanner.Scanned(code, forward);
    }

    private static void blank(char[] text, int from, int to) {
        for (int i = from; i < Math.min(to, text.length); i++) {
            if (text[i] != '\n') {
                text[i] = ' ';
            }
        }
    }

    /**
     * The end of a Ruby block opened before {@code from} ({@code def}, {@code do}): the matching {@code end}. One walk:
     * whether a keyword opens its line is known from the line's first non-blank character, found once per line.
     */
    private static int endOfBlock(String code, int from) {
        Matcher words = BLOCK_WORDS.matcher(code);
        int depth = 1;
        int i = from;
        int lineEnd = -1;
        int firstNonBlank = 0;
        while (words.find(i)) {
            String w = words.group(1);
            if (words.start() > lineEnd) { // a new line: where its code starts
                int lineStart = code.lastIndexOf('\n', words.start()) + 1;
                int end = code.indexOf('\n', words.start());
                lineEnd = end < 0 ? code.length() : end;
                firstNonBlank = lineStart;
                while (firstNonBlank < lineEnd && Character.isWhitespace(code.charAt(firstNonBlank))) {
                    firstNonBlank++;
                }
            }
            boolean modifier = (w.equals("if") || w.equals("unless") || w.equals("while") || w.equals("until")) && firstNonBlank < words.start();
            if (w.equals("end")) {
                depth--;
                if (depth == 0) {
                    return words.end();
                }
            } else if (!modifier) {
                depth++;
            }
            i = words.end();
        }
        return code.length();
    }

    /** The call's arguments from its opening parenthesis to the matching one. */
    private static String balanced(String code, int open) {
        return code.substring(open, closing(code, open, '(', ')'));
    }

    private static int closing(String code, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == o) {
                depth++;
            } else if (code.charAt(i) == c && --depth == 0) {
                return i + 1;
            }
        }
        return code.length();
    }

    /**
     * @param created the tables the migration creates: a warning about one of them is not given (nobody uses it yet)
     * @param tableAt the table the operation matched at an offset works on, when it names one
     */
    private static List<SqlRules.Issue> check(ScriptScanner.Scanned scanned, List<Op> ops, Pattern runsSql, SqlRules sql,
                                              NewTables created, IntFunction<Optional<String>> tableAt) {
        List<SqlRules.Issue> out = new ArrayList<>();
        String code = scanned.code();
        for (Op op : ops) {
            Matcher m = op.pattern().matcher(code);
            LaterOnLine needs = new LaterOnLine(code, op.needs());
            LaterOnLine forbids = new LaterOnLine(code, op.forbids());
            while (m.find()) {
                if (op.needs() != null && !needs.after(m.end()) || op.forbids() != null && forbids.after(m.end())) {
                    continue;
                }
                if (op.destructive() || tableAt.apply(m.start()).filter(created::contains).isEmpty()) {
                    out.add(new SqlRules.Issue(op.destructive(), ScriptScanner.lineOf(code, m.start()), op.rule(), op.message()));
                }
            }
        }
        java.util.TreeMap<Integer, List<ScriptScanner.Literal>> byLine = new java.util.TreeMap<>();
        scanned.strings().forEach(s -> byLine.computeIfAbsent(s.line(), k -> new ArrayList<>()).add(s));
        java.util.Set<ScriptScanner.Literal> judged = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Matcher m = runsSql.matcher(code);
        while (m.find()) {
            int line = ScriptScanner.lineOf(code, m.start());
            // the SQL is in the string literals that follow on the call's lines, each judged once
            for (List<ScriptScanner.Literal> onLine : byLine.subMap(line, true, line + 3, true).values()) {
                for (ScriptScanner.Literal s : onLine) {
                    if (judged.add(s)) {
                        out.addAll(sql.check(s.text(), s.line(), created));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(SqlRules.Issue::line));
        return out;
    }

    /**
     * Whether {@code pattern} matches later in the statement (the line, or up to a {@code ;}) of a position, for
     * positions met in increasing order: each statement is searched once, the last match's start kept, so a line's
     * thousand occurrences cost one pass.
     */
    private static final class LaterOnLine {
        private final String code;
        private final Matcher matcher;
        private int lineStart = -1;
        private int lineEnd = -1;
        private int lastStart = -1;

        LaterOnLine(String code, Pattern pattern) {
            this.code = code;
            this.matcher = pattern == null ? null : pattern.matcher(code);
        }

        /** A line ends a Ruby statement, and so does a {@code ;} (strings are blanked in the scanned code). */
        private static boolean endsStatement(char c) {
            return c == '\n' || c == ';';
        }

        boolean after(int position) {
            if (position < lineStart || position > lineEnd) {
                lineStart = position;
                while (lineStart > 0 && !endsStatement(code.charAt(lineStart - 1))) {
                    lineStart--;
                }
                lineEnd = position;
                while (lineEnd < code.length() && !endsStatement(code.charAt(lineEnd))) {
                    lineEnd++;
                }
                lastStart = -1;
                matcher.region(lineStart, lineEnd);
                while (matcher.find()) {
                    lastStart = matcher.start();
                }
            }
            return lastStart >= position;
        }
    }
}
