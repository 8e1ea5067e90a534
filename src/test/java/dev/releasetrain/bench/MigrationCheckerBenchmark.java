package dev.releasetrain.bench;

import dev.releasetrain.migrations.BuiltInMigrationChecker;
import dev.releasetrain.migrations.EarlierMigrations;
import dev.releasetrain.migrations.MigrationFile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in migration checker against hostile files of the largest size it reads (1 MB, the contents API's
 * limit): one long line of a repeated operation, unclosed blocks and calls, thousands of statements. Prints the
 * milliseconds each takes, and for each the time per kilobyte at a quarter of the size, so growth faster than
 * linear shows as a ratio well above 4. Run: bench/migrations
 */
public final class MigrationCheckerBenchmark {
    private MigrationCheckerBenchmark() {
    }

    private static String repeat(String unit, int bytes) {
        return unit.repeat(Math.max(1, bytes / unit.length()));
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024 * 1024;
        Map<String, java.util.function.IntFunction<MigrationFile>> cases = new LinkedHashMap<>();
        cases.put("rails: add_column x40k on one line", n -> new MigrationFile("db/migrate/1_a.rb", "added", repeat("add_column :t, :c, :integer; ", n)));
        cases.put("rails: change_column_null on one line", n -> new MigrationFile("db/migrate/1_a.rb", "added", repeat("change_column_null :t, :c ", n)));
        cases.put("rails: add_reference on one line", n -> new MigrationFile("db/migrate/1_a.rb", "added", repeat("add_reference :t, :u, index: { ", n)));
        cases.put("rails: create_table on one line", n -> new MigrationFile("db/migrate/1_a.rb", "added", repeat("create_table :t ", n)));
        cases.put("rails: x.down do, unclosed", n -> new MigrationFile("db/migrate/1_a.rb", "added", repeat("x.down do ", n)));
        cases.put("rails: def down + if on one line", n -> new MigrationFile("db/migrate/1_a.rb", "added", "def down\n" + repeat("a if b ", n)));
        cases.put("rails: def down, many lines", n -> new MigrationFile("db/migrate/1_a.rb", "added", repeat("def down\n", n)));
        cases.put("django: AddField( unclosed", n -> new MigrationFile("app/migrations/0001_a.py", "added", repeat("migrations.AddField(", n)));
        cases.put("django: AddField lines", n -> new MigrationFile("app/migrations/0001_a.py", "added",
                repeat("migrations.AddField(model_name='m', name='f', field=models.IntegerField()),\n", n)));
        cases.put("django: reverse_sql=( unclosed", n -> new MigrationFile("app/migrations/0001_a.py", "added", repeat("reverse_sql=(", n)));
        cases.put("django: RunSQL lines", n -> new MigrationFile("app/migrations/0001_a.py", "added", repeat("migrations.RunSQL('DROP TABLE t'),\n", n)));
        cases.put("django: CreateModel( unclosed", n -> new MigrationFile("app/migrations/0001_a.py", "added", repeat("migrations.CreateModel(name='m', fields=[", n)));
        cases.put("django: calls nested 199 deep, repeated", n -> new MigrationFile("app/migrations/0001_a.py", "added",
                repeat("migrations.AddField(".repeat(199) + ")".repeat(199) + "\n", n)));
        cases.put("django: reverse_sql lines", n -> new MigrationFile("app/migrations/0001_a.py", "added",
                repeat("migrations.RunSQL('SELECT 1', reverse_sql=('DROP TABLE t',)),\n", n)));
        cases.put("django: AddIndex lines", n -> new MigrationFile("app/migrations/0001_a.py", "added",
                repeat("migrations.AddIndex(model_name='m', index=models.Index(fields=['a'])),\n", n)));
        cases.put("sql: DROP TABLE x70k", n -> new MigrationFile("db/migrations/1.sql", "added", repeat("DROP TABLE t; ", n)));
        cases.put("sql: one long line", n -> new MigrationFile("db/migrations/1.sql", "added", repeat("ALTER TABLE t ADD COLUMN c int NOT NULL ", n)));
        cases.put("sql: unclosed quote", n -> new MigrationFile("db/migrations/1.sql", "added", "SELECT '" + repeat("DROP TABLE t; ", n)));
        BuiltInMigrationChecker checker = new BuiltInMigrationChecker("postgresql", EarlierMigrations.UNKNOWN, "contract-migration");
        System.out.printf("%-42s %10s %10s %6s%n", "case (" + size / 1024 + " KB)", "ms", "ms (1/4)", "ratio");
        for (var c : cases.entrySet()) {
            checker.findings(c.getValue().apply(size / 8), false); // warm up
            long quarter = time(checker, c.getValue().apply(size / 4));
            long full = time(checker, c.getValue().apply(size));
            System.out.printf("%-42s %10d %10d %6.1f%n", c.getKey(), full, quarter, quarter == 0 ? 0.0 : (double) full / quarter);
        }
    }

    private static long time(BuiltInMigrationChecker checker, MigrationFile f) throws Exception {
        long start = System.nanoTime();
        checker.findings(f, false);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
