package dev.releasetrain;

import dev.releasetrain.cli.AuditCommand;
import dev.releasetrain.cli.CalendarCommand;
import dev.releasetrain.cli.CheckMigrationsCommand;
import dev.releasetrain.cli.ConfigCommand;
import dev.releasetrain.cli.DeliveriesCommand;
import dev.releasetrain.cli.LedgerCommand;
import dev.releasetrain.cli.NotesCommand;
import dev.releasetrain.cli.ReconcileCommand;
import dev.releasetrain.cli.RedeliverCommand;
import dev.releasetrain.cli.ReplayCommand;
import dev.releasetrain.cli.UsageException;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.settings.SettingsException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Entry point: reads settings, then runs one subcommand ({@code serve} by default). */
public final class Main {
    private static final String USAGE = """
            usage: java -jar release-train.jar [command]
              serve                                   run the server (the default)
              deliveries [--json] [--state S] [--limit N]
                                                      recent deliveries; S is pending, processing, done, failed or dead
              redeliver <delivery-id>                 queue a stored delivery again
              reconcile [--since DURATION] [--dry-run]
                                                      ask GitHub again for deliveries it failed to make (default: 3 days)
              replay <payload.json> --event <name>    what the bot would do with a payload: its writes printed, not sent
              audit [--json]                          pull requests merged without review, and emergency overrides
              notes --repo owner/name --release X.Y.Z the release notes, in Markdown
              ledger --repo owner/name --release X.Y.Z [--json]
                                                      what the release holds and did, each with its state and link
              calendar [--months N] [--timezone Z]    the coming code freeze and release dates
              config check [FILE]                     check a repository config (default .github/release-train.yml)
              config defaults | config schema         the commented defaults; the JSON Schema for editors
              check-migrations [--engine E] [--format text|json|github] [--contract] FILE...
                                                      the built-in migration checker, for pre-commit and CI
            Settings come from the environment and an optional .env file beside the database (see README).""";

    private Main() {
    }

    public static void main(String[] args) {
        List<String> argv = Arrays.asList(args);
        String command = argv.isEmpty() ? "serve" : argv.get(0);
        List<String> rest = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            System.out.println(USAGE);
            return;
        }
        if (command.equals("config") || command.equals("check-migrations")) { // about a repository's files: no server settings
            try {
                System.exit(command.equals("config") ? new ConfigCommand().run(rest, System.out, System.err)
                        : new CheckMigrationsCommand(Path.of(dev.releasetrain.config.RepoConfigParser.PATH)).run(rest, System.out, System.err));
            } catch (UsageException e) {
                System.err.println("release-train: " + e.getMessage() + "\n" + USAGE);
                System.exit(2);
            } catch (java.io.IOException e) {
                System.err.println("release-train: " + e.getMessage());
                System.exit(2);
            }
        }
        ServerSettings settings;
        try {
            settings = ServerSettings.load(System.getenv(), envFile(System.getenv()));
        } catch (SettingsException e) {
            System.err.println("release-train: " + e.getMessage());
            System.exit(2);
            return;
        }
        configureLogging(settings.logLevel());
        try {
            int code = switch (command) {
                case "serve" -> serve(settings);
                case "deliveries" -> new DeliveriesCommand(settings).run(rest, System.out);
                case "redeliver" -> new RedeliverCommand(settings).run(rest, System.out);
                case "reconcile" -> new ReconcileCommand(settings).run(rest, System.out);
                case "replay" -> new ReplayCommand(settings, Features::all).run(rest, System.out);
                case "audit" -> new AuditCommand(settings).run(rest, System.out);
                case "notes" -> new NotesCommand(settings).run(rest, System.out);
                case "ledger" -> new LedgerCommand(settings).run(rest, System.out);
                case "calendar" -> new CalendarCommand(java.time.Clock.systemUTC()).run(rest, System.out);
                default -> throw new UsageException("unknown command \"" + command + "\"");
            };
            if (!command.equals("serve")) {
                System.exit(code);
            }
        } catch (UsageException e) {
            System.err.println("release-train: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("release-train: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int serve(ServerSettings settings) throws Exception {
        App app = App.start(settings, Features::all, true);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        org.slf4j.LoggerFactory.getLogger(Main.class).info("Release Train listening on port {}{}{}", app.port(),
                settings.registered() ? " as GitHub App " + settings.appId().orElseThrow() : " (not registered: open / to set up)",
                settings.dryRun() ? ", dry run: writes to GitHub are logged, not sent" : "");
        return 0;
    }

    /**
     * {@code ENV_FILE} if set; else {@code .env} beside the SQLite database (the working directory by default), so the
     * credentials live with the data and survive a rebuild ({@code mvn clean} used to delete them beside the jar).
     */
    static Path envFile(Map<String, String> environment) {
        String configured = environment.get("ENV_FILE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String db = environment.getOrDefault("DATABASE_URL", ServerSettings.DEFAULT_DATABASE_URL);
        if (db.startsWith("jdbc:sqlite:")) {
            Path parent = Path.of(db.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", "")).toAbsolutePath().getParent();
            if (parent != null) {
                return parent.resolve(".env");
            }
        }
        return Path.of(".env");
    }

    /** slf4j-simple reads these once, at the first logger; nothing logs before this. */
    private static void configureLogging(String level) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // Flyway's and the pool's info lines name the database URL, which may hold a password
        setDefault("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        // an unreachable database at start is said once, in one line, by Main; the pool's stack trace would repeat it
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.HikariPool", "off");
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
