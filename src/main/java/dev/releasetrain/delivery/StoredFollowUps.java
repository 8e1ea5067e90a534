package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Follow-ups stored as deliveries due at a time, in the delivery store (and so the fleet's queue), for the app that schedules them. */
public record StoredFollowUps(DeliveryStore store, long appId) implements FollowUps {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void schedule(String id, String event, ObjectNode payload, long delayMillis) throws Exception {
        byte[] body = JSON.writeValueAsBytes(payload);
        long now = System.currentTimeMillis();
        store.intake().scheduleFollowUp(new Delivery(id, event, PayloadSummary.parse(body), body, now, null, appId), now + Math.max(0, delayMillis));
    }
}
