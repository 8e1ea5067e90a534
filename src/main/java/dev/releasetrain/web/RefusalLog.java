package dev.releasetrain.web;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One info line per refused delivery (status, reason, delivery id), so a wrong webhook secret shows in the log and
 * not only in the metrics; at most {@link #PER_MINUTE} a minute, so a flood of bad requests does not flood the log.
 * What was held back is counted in the next line that goes out.
 */
final class RefusalLog {
    static final int PER_MINUTE = 20;
    private static final long MINUTE = 60_000_000_000L;
    private final LongSupplier nanos;
    private final Consumer<String> sink;
    private long windowStart;
    private int inWindow;
    private int heldBack;

    RefusalLog(LongSupplier nanos, Consumer<String> sink) {
        this.nanos = nanos;
        this.sink = sink;
        this.windowStart = nanos.getAsLong();
    }

    void refused(int status, String reason, String deliveryId, String message) {
        String line;
        synchronized (this) {
            long now = nanos.getAsLong();
            if (now - windowStart >= MINUTE) {
                windowStart = now;
                inWindow = 0;
            }
            if (inWindow >= PER_MINUTE) {
                heldBack++;
                return;
            }
            inWindow++;
            line = "refused delivery " + printable(deliveryId) + ": " + status + " " + reason + " (" + message + ")"
                    + (heldBack > 0 ? "; " + heldBack + " more refused since the last line, not logged" : "");
            heldBack = 0;
        }
        sink.accept(line);
    }

    /** A header is the sender's text: cut short, and nothing that could forge a log line. */
    private static String printable(String id) {
        if (id == null || id.isBlank()) {
            return "(no id)";
        }
        String clean = id.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
