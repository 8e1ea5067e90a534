package dev.releasetrain.delivery;

import java.util.Locale;

/** Where a delivery stands; stored as the lower-case name. */
public enum DeliveryState {
    PENDING, PROCESSING, DONE, FAILED, DEAD;

    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }
}
