package dev.releasetrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.config.ConfigException;
import dev.releasetrain.config.MigrationSettings;
import dev.releasetrain.config.RepoConfigParser;
import dev.releasetrain.migrations.BuiltInMigrationChecker;
import dev.releasetrain.migrations.EarlierMigrationsOnDisk;
import dev.releasetrain.migrations.Finding;
import dev.releasetrain.migrations.MigrationFile;
import dev.releasetrain.migrations.MigrationVerdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code check-migrations [--engine E] [--format text|json|github] [--contract] FILE…}: the built-in migration
 * checker for pre-commit hooks and CI, with the repository's {@code .github/release-train.yml} (its engine) when
 * there is one. One line per finding, {@code path:line: severity: message}, as JSON, or as GitHub Actions
 * annotations; exit 1 when a finding breaks backwards compatibility.
 */
public final class CheckMigrationsCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path configFile;

    /** @param configFile the repository config to take the engine from, when it exists */
    public CheckMigrationsCommand(Path configFile) {
        this.configFile = configFile;
    }

    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        String engine = null;
        String format = "text";
        boolean contract = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--engine" -> engine = DeliveriesCommand.value(args, ++i, "--engine").toLowerCase(Locale.ROOT);
                case "--format" -> format = DeliveriesCommand.value(args, ++i, "--format");
                case "--contract" -> contract = true;
                default -> {
                    if (args.get(i).startsWith("--")) {
                        throw new UsageException("check-migrations does not take \"" + args.get(i) + "\"");
                    }
                    files.add(Path.of(args.get(i)));
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("check-migrations needs one or more migration files");
        }
        if (!List.of("text", "json", "github").contains(format)) {
            throw new UsageException("--format is text, json or github");
        }
        if (engine != null && !List.of("postgresql", "mysql", "sqlite").contains(engine)) {
            throw new UsageException("--engine is postgresql, mysql or sqlite");
        }
        MigrationSettings configured = null;
        if (engine == null) {
            try {
                configured = Files.isRegularFile(configFile)
                        ? new RepoConfigParser().settings(Files.readString(configFile, StandardCharsets.UTF_8)).migrations()
                        : new RepoConfigParser().defaultSettings().migrations();
                engine = configured.engine();
            } catch (ConfigException e) {
                err.println("release-train: " + configFile + " cannot be used (" + e.problems().get(0).at(configFile.toString())
                        + "); pass --engine");
                return 2;
            }
        }
        List<MigrationFile> migrations = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println("release-train: " + f + " is not a file");
                return 2;
            }
            migrations.add(new MigrationFile(f.toString(), "added", Files.readString(f, StandardCharsets.UTF_8)));
        }
        // the advice names the repository's contract label when its config was read
        String contractLabel = (configured != null ? configured : new RepoConfigParser().defaultSettings().migrations()).contractLabel();
        MigrationVerdict verdict = new BuiltInMigrationChecker(engine, new EarlierMigrationsOnDisk(), contractLabel).check(migrations, contract, List.of());
        switch (format) {
            case "json" -> {
                ObjectNode o = JSON.createObjectNode().put("state", verdict.state()).put("summary", verdict.summary()).put("engine", engine);
                var list = o.putArray("findings");
                verdict.findings().forEach(f -> list.addObject().put("path", f.path()).put("line", f.line())
                        .put("severity", f.severity()).put("message", f.message()));
                out.println(JSON.writeValueAsString(o));
            }
            case "github" -> verdict.findings().forEach(f -> out.println("::" + (f.severity().equals(Finding.FAILURE) ? "error" : "warning")
                    + " file=" + property(f.path()) + ",line=" + f.line() + ",title=" + property("release-train migrations") + "::"
                    + data(f.message())));
            default -> {
                verdict.findings().forEach(f -> out.println(f.path() + ":" + f.line() + ": " + f.severity() + ": " + f.message()));
                out.println(verdict.summary() + " (" + engine + ")");
            }
        }
        return verdict.state().equals(MigrationVerdict.SUCCESS) ? 0 : 1;
    }

    /** GitHub Actions' workflow-command escaping of a message. */
    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** ... and of a property value, which also may not hold its separators. */
    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
