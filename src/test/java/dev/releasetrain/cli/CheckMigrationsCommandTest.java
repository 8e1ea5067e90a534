package dev.releasetrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in migration checker on the command line: each format, the exit codes, the engine from the config. */
class CheckMigrationsCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path config, String... args) throws Exception {
        out.reset();
        err.reset();
        return new CheckMigrationsCommand(config).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void anAlterFieldIsComparedWithTheMigrationsBesideIt() throws Exception {
        Path none = dir.resolve("no-config.yml");
        file("users/migrations/0001_initial.py", "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
                + "    operations = [migrations.CreateModel(name='Account', fields=[('plan', models.CharField(max_length=40))])]\n");
        Path alter = file("users/migrations/0002_plan.py", "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
                + "    operations = [\n        migrations.AlterField(model_name='account', name='plan', field=models.IntegerField()),\n    ]\n");
        assertEquals(1, run(none, alter.toString()), out());
        assertTrue(out().contains(alter + ":5: failure: AlterField changes account.plan from CharField to IntegerField"), out());
    }

    @Test
    void eachFormatAndItsExitCode() throws Exception {
        Path none = dir.resolve("no-config.yml");
        Path drop = file("db/0002_drop.sql", "-- tidy up\nALTER TABLE users DROP COLUMN nickname;\n");
        Path add = file("db/0003_add.sql", "ALTER TABLE users ADD COLUMN age int;\n");

        assertEquals(1, run(none, drop.toString(), add.toString()));
        List<String> lines = out().lines().toList();
        assertTrue(lines.get(0).startsWith(drop + ":2: failure: DROP COLUMN"), lines.get(0));
        assertEquals("1 problem that breaks backwards compatibility (postgresql)", lines.get(lines.size() - 1));

        assertEquals(0, run(none, add.toString()));
        assertEquals(List.of("1 migration backwards compatible (postgresql)"), out().lines().toList());

        assertEquals(1, run(none, "--format", "github", drop.toString()));
        assertTrue(out().startsWith("::error file=" + drop.toString().replace(":", "%3A") + ",line=2,title=release-train migrations::DROP COLUMN"),
                out());

        assertEquals(1, run(none, "--format", "json", drop.toString()));
        JsonNode json = new ObjectMapper().readTree(out());
        assertEquals("failure", json.path("state").asText());
        assertEquals(2, json.path("findings").get(0).path("line").asInt());

        assertEquals(0, run(none, "--contract", drop.toString()), "a declared second stage warns");
    }

    @Test
    void theEngineComesFromTheRepositoryConfigUnlessGiven() throws Exception {
        Path index = file("db/0004_index.sql", "CREATE INDEX idx ON users (email);\n");
        Path config = file(".github/release-train.yml", "migrations:\n  engine: sqlite\n");
        assertEquals(0, run(config, index.toString()));
        assertTrue(out().endsWith("(sqlite)\n"), out());
        assertEquals(0, run(config, "--engine", "postgresql", index.toString()));
        assertTrue(out().contains("warning: CREATE INDEX without CONCURRENTLY"), out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path config = file(".github/release-train.yml", "migrations:\n  engine: oracle\n");
        Path f = file("db/x.sql", "SELECT 1;\n");
        assertEquals(2, run(config, f.toString()));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
        assertEquals(2, run(dir.resolve("none.yml"), dir.resolve("missing.sql").toString()));
        assertThrows(UsageException.class, () -> run(config));
        assertThrows(UsageException.class, () -> run(config, "--format", "xml", f.toString()));
    }
}
