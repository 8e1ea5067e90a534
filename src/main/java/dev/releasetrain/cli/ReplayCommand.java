package dev.releasetrain.cli;

import dev.releasetrain.App;
import dev.releasetrain.delivery.Delivery;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.MalformedPayloadException;
import dev.releasetrain.delivery.PayloadSummary;
import dev.releasetrain.delivery.StoredDelivery;
import dev.releasetrain.settings.Settings;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code replay <payload.json> --event <name>}: runs a payload through the same store, workers and features as a
 * real delivery, without the HTTP door. With DRY_RUN=true it shows what the bot would do to a real repository.
 */
public final class ReplayCommand {
    private static final long WAIT_MILLIS = 10 * 60_000;
    private final Settings settings;
    private final Function<App.Services, List<EventHandler>> features;

    public ReplayCommand(Settings settings, Function<App.Services, List<EventHandler>> features) {
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
        byte[] body = Files.readAllBytes(Path.of(file));
        PayloadSummary summary;
        try {
            summary = PayloadSummary.parse(body);
        } catch (MalformedPayloadException e) {
            out.println(file + ": " + e.getMessage());
            return 1;
        }
        String id = "replay-" + UUID.randomUUID();
        try (App app = App.start(settings, features, false)) {
            DeliveryStore store = app.store();
            var ingested = store.ingest(new Delivery(id, event, summary, body, System.currentTimeMillis())).join();
            app.workers().enqueue(ingested.queued());
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            StoredDelivery row = store.find(id).orElseThrow();
            while (row.state() != DeliveryState.DONE && row.state() != DeliveryState.DEAD && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                row = store.find(id).orElseThrow();
            }
            out.println("Delivery " + id + " (" + event + (summary.action() == null ? "" : "." + summary.action()) + "): "
                    + row.state().sql() + (row.lastError() == null ? "" : ", last error: " + row.lastError()));
            return row.state() == DeliveryState.DONE ? 0 : 1;
        }
    }
}
