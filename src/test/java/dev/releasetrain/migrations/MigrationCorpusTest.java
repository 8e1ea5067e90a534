package dev.releasetrain.migrations;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in checker on a corpus of real-world-shaped migrations, each with the verdict a reviewer would give. */
class MigrationCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/migrations");
    private final BuiltInMigrationChecker checker = new BuiltInMigrationChecker("postgresql", EarlierMigrations.UNKNOWN, "contract-migration");

    @Test
    void everyFileGetsItsExpectedVerdict() throws IOException {
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (String row : Files.readAllLines(CORPUS.resolve("expected.txt"))) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String[] cols = row.split("\t");
            MigrationFile file = new MigrationFile("db/migrations/" + cols[0], "added", Files.readString(CORPUS.resolve(cols[0])));
            MigrationVerdict v = checker.check(List.of(file), false, List.of());
            String firstFailure = v.findings().stream().filter(f -> f.severity().equals(Finding.FAILURE))
                    .map(f -> Integer.toString(f.line())).findFirst().orElse("-");
            if (!v.state().equals(cols[1]) || !firstFailure.equals(cols[2])) {
                wrong.add(cols[0] + ": expected " + cols[1] + " at " + cols[2] + ", got " + v.state() + " at " + firstFailure + " " + v.findings());
            }
            cases++;
        }
        assertTrue(cases >= 30, "the corpus has " + cases + " files");
        assertEquals(List.of(), wrong);
    }

    @Test
    void warningsForWorkThatLocksOrRewritesBigTables() throws Exception {
        assertWarns("UPDATE persons SET is_identified = false;", "UPDATE without WHERE");
        assertWarns("DELETE FROM events;", "DELETE without WHERE");
        assertWarns("INSERT INTO archive SELECT * FROM events;", "INSERT … SELECT");
        assertWarns("CREATE UNIQUE INDEX i ON t (a);", "without CONCURRENTLY");
        assertWarns("ALTER TABLE s ADD COLUMN token uuid DEFAULT gen_random_uuid();", "rewrites the whole table");
        assertEquals(List.of(), checker.findings(new MigrationFile("a.sql", "added", "DELETE FROM events WHERE id = 1;"), false));
        assertEquals(List.of(), new BuiltInMigrationChecker("sqlite", EarlierMigrations.UNKNOWN, "contract-migration").findings(new MigrationFile("a.sql", "added", "CREATE INDEX i ON t (a);"), false),
                "SQLite has no CONCURRENTLY");
    }

    @Test
    void aContractMigrationTurnsDestructiveStatementsIntoWarningsButMustShipAlone() throws Exception {
        MigrationFile drop = new MigrationFile("db/migrations/0050.sql", "added", "ALTER TABLE users DROP COLUMN legacy_token;");
        MigrationVerdict alone = checker.check(List.of(drop), true, List.of());
        assertEquals(MigrationVerdict.SUCCESS, alone.state());
        assertEquals(Finding.WARNING, alone.findings().get(0).severity());
        MigrationVerdict withCode = checker.check(List.of(drop), true, List.of("app/models/user.rb"));
        assertEquals(MigrationVerdict.FAILURE, withCode.state());
        assertTrue(withCode.findings().get(1).message().contains("must ship on its own"));
    }

    private void assertWarns(String sql, String mentions) throws Exception {
        List<Finding> f = checker.findings(new MigrationFile("m.sql", "added", sql), false);
        assertEquals(1, f.size(), sql + " " + f);
        assertEquals(Finding.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains(mentions), f.get(0).message());
    }

    @Test
    void anAllowedFindingIsShownWithItsReason() throws Exception {
        MigrationFile allowed = new MigrationFile("db/0004.sql", "added",
                "-- release-train: allow drop-column: nickname is unused since 1.28\nALTER TABLE users DROP COLUMN nickname;\n");
        MigrationVerdict v = new BuiltInMigrationChecker("postgresql", EarlierMigrations.UNKNOWN, "contract-migration").check(List.of(allowed), false, List.of());
        assertEquals(MigrationVerdict.SUCCESS, v.state());
        assertEquals("1 migration backwards compatible, 1 finding(s) allowed with a reason", v.summary());
        assertEquals(Finding.NOTICE, v.findings().get(0).severity());
        assertTrue(v.findings().get(0).message().startsWith("allowed (drop-column): nickname is unused since 1.28. DROP COLUMN"),
                v.findings().get(0).message());
    }
}
