package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

/** Deliveries in the database: how they come in, the durable queue, and the history. */
public record DeliveryStore(DeliveryIntake intake, DeliveryQueue queue, DeliveryHistory history) {
    public DeliveryStore(Database db) {
        this(db, RetryPolicy.DEFAULT.maxAttempts());
    }

    /** @param maxAttempts how often a delivery may be claimed before it is dead ({@code MAX_ATTEMPTS}) */
    public DeliveryStore(Database db, int maxAttempts) {
        this(new DeliveryIntake(db), new DeliveryQueue(db, maxAttempts), new DeliveryHistory(db));
    }
}
