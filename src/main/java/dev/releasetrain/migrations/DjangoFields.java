package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Django fields as migrations define them, so an {@code AlterField} can be judged against the field it alters:
 * its definition in the same app's earlier migrations (CreateModel, AddField, an earlier AlterField; followed
 * through RenameField, forgotten at RemoveField and DeleteModel). Pure: the caller finds the earlier migrations.
 */
final class DjangoFields {
    /** A field as written: its class, whether its column allows NULL, its max_length if any. */
    record Field(String type, boolean nullable, Integer maxLength) {
    }

    /** An AlterField: the field it alters, its new definition, and its line. */
    record Alteration(String model, String name, Field field, int line) {
    }

    private static final Pattern OPERATION = Pattern.compile("\\b(CreateModel|AddField|AlterField|RemoveField|RenameField|DeleteModel)\\s*\\(");
    private static final Pattern CREATE_MODEL = Pattern.compile("\\bCreateModel\\s*\\(");
    private static final Pattern ADD_DEFAULT_VALUE = Pattern.compile("\\bAddDefaultValue\\s*\\(");
    private static final Pattern MODEL_NAME = Pattern.compile("\\bmodel_name\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])name\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern OLD_NAME = Pattern.compile("\\bold_name\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern NEW_NAME = Pattern.compile("\\bnew_name\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern FIELD = Pattern.compile("\\bfield\\s*=\\s*");
    private static final Pattern FIELDS = Pattern.compile("\\bfields\\s*=\\s*\\[");
    private static final Pattern FIELD_TUPLE = Pattern.compile("\\(\\s*['\"](\\w+)['\"]\\s*,\\s*");
    private static final Pattern CALLABLE = Pattern.compile("^\\s*([\\w.]+)\\s*\\(");
    private static final Pattern NULL_TRUE = Pattern.compile("\\bnull\\s*=\\s*True\\b");
    private static final Pattern MAX_LENGTH = Pattern.compile("\\bmax_length\\s*=\\s*(\\d+)");
    /** Type changes PostgreSQL makes without rewriting or breaking anything: varchar(n) to text. */
    private static final Map<String, String> WIDENINGS = Map.of("CharField", "TextField");

    private DjangoFields() {
    }

    /** The AlterField operations of a migration, in order. */
    static List<Alteration> alterations(String source) {
        List<Alteration> out = new ArrayList<>();
        String code = ScriptScanner.scan(source, false).code();
        Matcher m = OPERATION.matcher(code);
        while (m.find()) {
            if (m.group(1).equals("AlterField")) {
                String call = call(source, code, m.end() - 1);
                Optional<Field> field = fieldArgument(call);
                Optional<String> model = first(MODEL_NAME, call);
                Optional<String> name = first(NAME, call);
                if (field.isPresent() && model.isPresent() && name.isPresent()) {
                    out.add(new Alteration(model.get(), name.get(), field.get(), ScriptScanner.lineOf(code, m.start())));
                }
            }
        }
        return out;
    }

    /** The models a migration creates ({@code CreateModel}): nothing uses their tables before it runs. */
    static NewTables createdModels(String source) {
        NewTables created = new NewTables();
        String code = ScriptScanner.scan(source, false).code();
        Matcher m = CREATE_MODEL.matcher(code);
        while (m.find()) {
            first(NAME, call(source, code, m.end() - 1)).ifPresent(created::add);
        }
        return created;
    }

    /**
     * The fields (as {@link #key}) a migration gives a database default through django-add-default-value's
     * {@code AddDefaultValue(model_name=…, name=…, value=…)}.
     */
    static Set<String> databaseDefaultsAdded(String source) {
        Set<String> fields = new HashSet<>();
        String code = ScriptScanner.scan(source, false).code();
        Matcher m = ADD_DEFAULT_VALUE.matcher(code);
        while (m.find()) {
            fieldOf(call(source, code, m.end() - 1)).ifPresent(fields::add);
        }
        return fields;
    }

    /** The model an operation whose name starts at {@code at} works on ({@code model_name=…}), if it names one. */
    static Optional<String> modelOf(String source, String code, int at) {
        int open = code.indexOf('(', at);
        return open < 0 ? Optional.empty() : first(MODEL_NAME, call(source, code, open));
    }

    /** The field an operation's call names, as {@link #key}: {@code model_name=…, name=…}. */
    static Optional<String> fieldOf(String call) {
        return first(MODEL_NAME, call).flatMap(model -> first(NAME, call).map(name -> key(model, name)));
    }

    /** The field's latest definition after the given migrations (oldest first), or empty when none defines it now. */
    static Optional<Field> definedIn(List<String> migrations, String model, String name) {
        Map<String, Field> fields = new HashMap<>();
        for (String source : migrations) {
            String code = ScriptScanner.scan(source, false).code();
            Matcher m = OPERATION.matcher(code);
            while (m.find()) {
                String call = call(source, code, m.end() - 1);
                switch (m.group(1)) {
                    case "CreateModel" -> first(NAME, call).ifPresent(created -> createModel(call, created, fields));
                    case "AddField", "AlterField" -> {
                        Optional<Field> f = fieldArgument(call);
                        Optional<String> field = first(NAME, call);
                        first(MODEL_NAME, call).ifPresent(mn -> field.ifPresent(fn -> f.ifPresent(def -> fields.put(key(mn, fn), def))));
                    }
                    case "RemoveField" -> first(MODEL_NAME, call).ifPresent(mn -> first(NAME, call).ifPresent(fn -> fields.remove(key(mn, fn))));
                    case "RenameField" -> first(MODEL_NAME, call).ifPresent(mn -> first(OLD_NAME, call).ifPresent(old ->
                            first(NEW_NAME, call).ifPresent(now -> {
                                Field f = fields.remove(key(mn, old));
                                if (f != null) {
                                    fields.put(key(mn, now), f);
                                }
                            })));
                    default -> // DeleteModel: its fields go with it
                            first(NAME, call).ifPresent(deleted -> fields.keySet().removeIf(k -> k.startsWith(deleted.toLowerCase(Locale.ROOT) + ".")));
                }
            }
        }
        return Optional.ofNullable(fields.get(key(model, name)));
    }

    /** What altering {@code before} into the new definition does that the running release cannot live with. */
    static List<SqlRules.Issue> judge(Alteration a, Field before) {
        List<SqlRules.Issue> out = new ArrayList<>();
        Field after = a.field();
        String what = a.model() + "." + a.name();
        if (!before.type().equals(after.type()) && !after.type().equals(WIDENINGS.get(before.type()))) {
            out.add(new SqlRules.Issue(true, a.line(), "change-type", "AlterField changes " + what + " from " + before.type() + " to "
                    + after.type() + ": the running release reads and writes the old type, and the table is rewritten"));
        } else if (before.type().equals(after.type()) && before.maxLength() != null && after.maxLength() != null
                && after.maxLength() < before.maxLength()) {
            out.add(new SqlRules.Issue(true, a.line(), "change-type", "AlterField shortens " + what + " from max_length=" + before.maxLength()
                    + " to " + after.maxLength() + ": longer values the running release writes fail, and existing rows are checked"));
        }
        if (before.nullable() && !after.nullable()) {
            out.add(new SqlRules.Issue(true, a.line(), "set-not-null", "AlterField makes " + what + " NOT NULL while the running release "
                    + "may still write NULLs (and every row is checked under a lock)"));
        }
        return out;
    }

    private static void createModel(String call, String model, Map<String, Field> fields) {
        Matcher list = FIELDS.matcher(call);
        if (!list.find()) {
            return;
        }
        int listEnd = ScriptScanner.argumentEnd(call, list.end());
        while (listEnd < call.length() && call.charAt(listEnd) == ',') { // item by item to the closing bracket
            listEnd = ScriptScanner.argumentEnd(call, listEnd + 1);
        }
        Matcher tuple = FIELD_TUPLE.matcher(call);
        int from = list.end();
        while (tuple.find(from) && tuple.start() < listEnd) {
            int end = ScriptScanner.argumentEnd(call, tuple.end());
            parseField(call.substring(tuple.end(), end)).ifPresent(f -> fields.put(key(model, tuple.group(1)), f));
            from = end;
        }
    }

    private static Optional<Field> fieldArgument(String call) {
        Matcher m = FIELD.matcher(call);
        return m.find() ? parseField(call.substring(m.end(), ScriptScanner.argumentEnd(call, m.end()))) : Optional.empty();
    }

    static Optional<Field> parseField(String expression) {
        Matcher c = CALLABLE.matcher(expression);
        if (!c.find()) {
            return Optional.empty();
        }
        String type = c.group(1).substring(c.group(1).lastIndexOf('.') + 1);
        Matcher length = MAX_LENGTH.matcher(expression);
        return Optional.of(new Field(type, NULL_TRUE.matcher(expression).find(), length.find() ? Integer.valueOf(length.group(1)) : null));
    }

    static String key(String model, String field) {
        return model.toLowerCase(Locale.ROOT) + "." + field.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The call's text in the source, its parentheses matched on the scanned code (strings and comments blanked). */
    static String call(String source, String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '(') {
                depth++;
            } else if (code.charAt(i) == ')' && --depth == 0) {
                return source.substring(open, i + 1);
            }
        }
        return source.substring(open);
    }
}
