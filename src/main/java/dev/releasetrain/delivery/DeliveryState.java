package dev.releasetrain.delivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a delivery stands; stored as the lower-case name. */
public enum DeliveryState {
    PENDING, PROCESSING, DONE, FAILED, DEAD;

    /** Queued, running or waiting for a retry: what the queue still has to finish. */
    public static final Set<DeliveryState> UNFINISHED = EnumSet.of(PENDING, PROCESSING, FAILED);

    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As a SQL literal: {@code 'pending'}. */
    String literal() {
        return "'" + sql() + "'";
    }

    /** The states as a SQL list: {@code ('pending', 'processing', 'failed')}. */
    static String list(Set<DeliveryState> states) {
        return states.stream().sorted().map(DeliveryState::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    public static DeliveryState of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }
}
