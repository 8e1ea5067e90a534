package dev.releasetrain.cli;

import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;

import java.io.PrintStream;
import java.util.List;

/** {@code redeliver <id>}: queue a stored delivery again; a running server picks it up within a second. */
public final class RedeliverCommand {
    private final ServerSettings settings;

    public RedeliverCommand(ServerSettings settings) {
        this.settings = settings;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        if (args.size() != 1) {
            throw new UsageException("redeliver takes one delivery id");
        }
        try (Database db = Database.open(settings.database())) {
            if (!new DeliveryStore(db).intake().requeue(args.get(0), System.currentTimeMillis())) {
                out.println("No delivery " + args.get(0) + " in the store (see: deliveries).");
                return 1;
            }
        }
        out.println("Delivery " + args.get(0) + " queued again.");
        return 0;
    }
}
