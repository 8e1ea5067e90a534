package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Django and Rails migrations: the destructive operations by name, and the SQL they run by hand. */
public final class FrameworkRules {
    private record Op(Pattern pattern, boolean destructive, String message) {
    }

    private static final List<Op> DJANGO = List.of(
            new Op(Pattern.compile("\\bRemoveField\\s*\\("), true, "RemoveField drops a column the running release may still use"),
            new Op(Pattern.compile("\\bDeleteModel\\s*\\("), true, "DeleteModel drops a table the running release may still use"),
            new Op(Pattern.compile("\\bRenameField\\s*\\("), true, "RenameField breaks code that still uses the old column name"),
            new Op(Pattern.compile("\\bRenameModel\\s*\\("), true, "RenameModel breaks code that still uses the old table name"),
            new Op(Pattern.compile("\\bAlterField\\s*\\("), false, "AlterField may change the column's type or nullability and rewrite the table: check it is backwards compatible"));
    private static final List<Op> RAILS = List.of(
            new Op(Pattern.compile("\\bremove_column\\b"), true, "remove_column drops a column the running release may still use"),
            new Op(Pattern.compile("\\bremove_columns\\b"), true, "remove_columns drops columns the running release may still use"),
            new Op(Pattern.compile("\\b(remove_reference|remove_belongs_to)\\b"), true, "remove_reference drops a column the running release may still use"),
            new Op(Pattern.compile("\\bdrop_table\\b"), true, "drop_table removes a table the running release may still use"),
            new Op(Pattern.compile("\\brename_column\\b"), true, "rename_column breaks code that still uses the old name"),
            new Op(Pattern.compile("\\brename_table\\b"), true, "rename_table breaks code that still uses the old name"),
            new Op(Pattern.compile("\\bchange_column\\s"), true, "change_column changes a column's type: the running release may break and the table is rewritten"),
            new Op(Pattern.compile("\\bchange_column_null\\b[^\\n]*,\\s*false\\b"), true, "change_column_null … false adds NOT NULL while the running release may still write NULLs"));
    private static final Pattern DJANGO_SQL = Pattern.compile("\\bRunSQL\\s*\\(");
    private static final Pattern RAILS_SQL = Pattern.compile("\\bexecute\\b");

    private FrameworkRules() {
    }

    public static List<SqlRules.Issue> django(String source, SqlRules sql) {
        return check(ScriptScanner.scan(source, false), DJANGO, DJANGO_SQL, sql);
    }

    public static List<SqlRules.Issue> rails(String source, SqlRules sql) {
        return check(ScriptScanner.scan(source, true), RAILS, RAILS_SQL, sql);
    }

    private static List<SqlRules.Issue> check(ScriptScanner.Scanned scanned, List<Op> ops, Pattern runsSql, SqlRules sql) {
        List<SqlRules.Issue> out = new ArrayList<>();
        String code = scanned.code();
        for (Op op : ops) {
            Matcher m = op.pattern().matcher(code);
            while (m.find()) {
                out.add(new SqlRules.Issue(op.destructive(), lineOf(code, m.start()), op.message()));
            }
        }
        Matcher m = runsSql.matcher(code);
        while (m.find()) {
            int line = lineOf(code, m.start());
            // the SQL is in the string literals that follow on the call's lines
            for (ScriptScanner.Literal s : scanned.strings()) {
                if (s.line() >= line && s.line() <= line + 3) {
                    out.addAll(sql.check(s.text(), s.line()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(SqlRules.Issue::line));
        return out;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
