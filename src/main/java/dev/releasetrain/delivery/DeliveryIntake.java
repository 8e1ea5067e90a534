package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/** How deliveries enter the store: GitHub's through the door (deduplicated by id), the bot's own follow-ups, a redelivery. */
public final class DeliveryIntake {
    private static final String ROW_COLUMNS = "id, event, action, installation_id, repository, ordering_key, payload, received_at, "
            + "state, next_attempt_at, fingerprint, app_id";
    private final Database db;

    public DeliveryIntake(Database db) {
        this.db = db;
    }

    /** Stores a delivery; the future completes once it is committed, and says whether it is new work. */
    public CompletableFuture<IngestOutcome> ingest(Delivery d) {
        byte[] stored = PayloadCodec.compress(d.payload()); // here, on the caller's thread, not the single writer's
        return db.write(c -> {
            // a new id is the common case, so the insert comes first and the id's index is searched once; a
            // redelivery racing its twin on another replica is decided by the unique id too
            PreparedStatement insert = db.prepared(c, "INSERT INTO deliveries (" + ROW_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT DO NOTHING");
            Database.bind(insert, row(d, stored, d.receivedAt()));
            if (insert.executeUpdate() == 1) {
                return IngestOutcome.QUEUED;
            }
            PreparedStatement find = db.prepared(c, "SELECT state FROM deliveries WHERE id = ?");
            find.setString(1, d.id());
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    // not its id: its body, stored under another id (or, on PostgreSQL, a twin pruned in between)
                    return IngestOutcome.REPLAYED;
                }
                return switch (DeliveryState.of(rs.getString(1))) {
                    case DONE -> IngestOutcome.ALREADY_DONE;
                    case PENDING, PROCESSING -> IngestOutcome.ALREADY_QUEUED;
                    case FAILED, DEAD -> {
                        requeue(c, d.id(), d.receivedAt());
                        yield IngestOutcome.REQUEUED;
                    }
                };
            }
        });
    }

    /** A new pending row's values, in the order of {@link #ROW_COLUMNS}. */
    private static Object[] row(Delivery d, byte[] stored, long notBefore) {
        PayloadSummary s = d.summary();
        return new Object[] {d.id(), d.event(), s.action(), s.installationId(), s.repository(), s.orderingKey(), stored,
            d.receivedAt(), DeliveryState.PENDING.sql(), notBefore, d.fingerprint(), d.appId()};
    }

    private static void requeue(java.sql.Connection c, String id, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE deliveries SET state = " + DeliveryState.PENDING.literal() + ", next_attempt_at = ?, "
                + "attempts = 0, claimed_by = NULL, lease_until = NULL WHERE id = ?")) {
            update.setLong(1, now);
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    /**
     * A delivery the bot sends itself (a poll of an outside service, say), due at {@code notBefore}: it waits among
     * the follow-ups and joins the queue when due. An id already scheduled or stored is left alone, which makes
     * scheduling the same follow-up twice harmless, on any replica.
     */
    public void scheduleFollowUp(Delivery d, long notBefore) throws SQLException {
        byte[] stored = PayloadCodec.compress(d.payload());
        PayloadSummary s = d.summary();
        db.writeNow(c -> {
            try (PreparedStatement known = c.prepareStatement("SELECT 1 FROM deliveries WHERE id = ?")) {
                known.setString(1, d.id());
                try (ResultSet rs = known.executeQuery()) {
                    if (rs.next()) {
                        return 0;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO follow_ups (id, event, action, installation_id, repository, "
                    + "ordering_key, payload, received_at, due_at, app_id) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING")) {
                Database.bind(insert, d.id(), d.event(), s.action(), s.installationId(), s.repository(), s.orderingKey(), stored,
                        d.receivedAt(), notBefore, d.appId());
                return insert.executeUpdate();
            }
        });
    }

    /** The command line's redeliver: queue a stored delivery again, whatever its state. */
    public boolean requeue(String id, long now) throws SQLException {
        return db.writeNow(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM deliveries WHERE id = ?")) {
                find.setString(1, id);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            requeue(c, id, now);
            return true;
        });
    }
}
