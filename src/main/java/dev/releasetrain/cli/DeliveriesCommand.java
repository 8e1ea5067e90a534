package dev.releasetrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.delivery.StoredDelivery;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code deliveries [--json] [--state S] [--limit N]}: what the server received and what became of it. */
public final class DeliveriesCommand {
    private final ServerSettings settings;

    public DeliveriesCommand(ServerSettings settings) {
        this.settings = settings;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        boolean json = false;
        Optional<DeliveryState> state = Optional.empty();
        int limit = 50;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--json" -> json = true;
                case "--state" -> state = Optional.of(parseState(value(args, ++i, "--state")));
                case "--limit" -> limit = parseLimit(value(args, ++i, "--limit"));
                default -> throw new UsageException("deliveries does not take \"" + args.get(i) + "\"");
            }
        }
        List<StoredDelivery> rows;
        try (Database db = Database.open(settings.database())) {
            rows = new DeliveryStore(db).history().recent(state, limit);
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (StoredDelivery d : rows) {
                ObjectNode o = array.addObject();
                o.put("id", d.id());
                o.put("event", d.event());
                o.put("action", d.action());
                o.put("repository", d.repository());
                o.put("installation", d.installationId());
                o.put("state", d.state().sql());
                o.put("attempts", d.attempts());
                o.put("received_at", Instant.ofEpochMilli(d.receivedAt()).toString());
                o.put("duration_ms", d.durationMs());
                o.put("last_error", d.lastError());
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            out.printf("%-38s %-24s %-12s %-10s %-8s %s%n", "ID", "EVENT.ACTION", "STATE", "ATTEMPTS", "MS", "REPOSITORY");
            for (StoredDelivery d : rows) {
                out.printf("%-38s %-24s %-12s %-10d %-8s %s%n", d.id(), d.event() + (d.action() == null ? "" : "." + d.action()),
                        d.state().sql(), d.attempts(), d.durationMs() == null ? "-" : d.durationMs(),
                        d.repository() == null ? "-" : d.repository());
                if (d.lastError() != null && d.state() != DeliveryState.DONE) {
                    out.println("    last error: " + d.lastError());
                }
            }
        }
        return 0;
    }

    static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static DeliveryState parseState(String s) {
        try {
            return DeliveryState.of(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--state must be pending, processing, done, failed or dead");
        }
    }

    private static int parseLimit(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--limit must be a positive whole number");
        }
    }
}
