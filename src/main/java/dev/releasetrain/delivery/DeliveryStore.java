package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

/** Deliveries in the database: how they come in, the durable queue, and the history. */
public record DeliveryStore(DeliveryIntake intake, DeliveryQueue queue, DeliveryHistory history) {
    public DeliveryStore(Database db) {
        this(new DeliveryIntake(db), new DeliveryQueue(db), new DeliveryHistory(db));
    }
}
