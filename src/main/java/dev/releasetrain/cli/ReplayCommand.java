package dev.releasetrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.App;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.MalformedPayloadException;
import dev.releasetrain.delivery.PayloadSummary;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.GitHubUnavailableException;
import dev.releasetrain.settings.ServerSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code replay <payload.json> --event <name>}: the safe way to see what the bot would do on a real repository. The
 * payload runs once through the same features as a delivery, reading GitHub for real, with every write printed
 * instead of sent (a dry run whatever DRY_RUN says). It runs on a scratch database: no stored delivery or record of
 * the server's is read, resumed or changed.
 */
public final class ReplayCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServerSettings settings;
    private final Function<Features.Wiring, List<EventHandler>> features;

    public ReplayCommand(ServerSettings settings, Function<Features.Wiring, List<EventHandler>> features) {
        this.settings = settings;
        this.features = features;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        String file = null;
        String event = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--event")) {
                event = DeliveriesCommand.value(args, ++i, "--event");
            } else if (file == null) {
                file = args.get(i);
            } else {
                throw new UsageException("replay takes one payload file");
            }
        }
        if (file == null || event == null) {
            throw new UsageException("replay needs a payload file and --event <name>");
        }
        if (!settings.registered()) {
            out.println("Release Train is not registered (no APP_ID): there is no GitHub App to act as.");
            return 1;
        }
        byte[] body;
        PayloadSummary summary;
        try {
            body = Files.readAllBytes(Path.of(file));
            summary = PayloadSummary.parse(body);
        } catch (NoSuchFileException e) {
            out.println(file + " does not exist.");
            return 1;
        } catch (MalformedPayloadException e) {
            out.println(file + ": " + e.getMessage());
            return 1;
        }
        String name = event + (summary.action() == null ? "" : "." + summary.action());
        String id = "replay-" + UUID.randomUUID();
        Path scratch = Files.createTempDirectory("release-train-replay");
        AtomicInteger writes = new AtomicInteger();
        try (App app = App.start(settings.dryRunOn("jdbc:sqlite:" + scratch.resolve("replay.db")), features, false, Clock.systemUTC(),
                w -> {
                    writes.incrementAndGet();
                    out.println("would send " + w);
                })) {
            WebhookEvent delivery = new WebhookEvent(id, event, summary.action(), summary.installationId(), summary.repository(),
                    JSON.readTree(body), 1);
            boolean handled = app.routeOnce(delivery);
            out.println("Replayed " + file + " (" + name + "): done, " + (handled ? writes.get() + " write(s) GitHub would get"
                    : "no feature acts on it" + (summary.installationId() == null ? " (the payload names no installation)" : "")) + ".");
            return 0;
        } catch (GitHubUnavailableException e) {
            out.println("GitHub could not be reached at " + settings.githubApiUrl() + " (" + e.getMessage() + "); nothing was sent.");
            return 1;
        } catch (Exception e) {
            out.println("Replaying " + file + " (" + name + ") failed: " + e.getMessage() + "; nothing was sent.");
            return 1;
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
