package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Deliveries in the database: the durable queue, the redelivery guard and the history. */
public final class DeliveryStore {
    private static final String COLUMNS = "seq, id, event, action, installation_id, repository, received_at, state, "
            + "attempts, next_attempt_at, last_error, duration_ms";
    private final Database db;

    public DeliveryStore(Database db) {
        this.db = db;
    }

    /** Stores a delivery; the future completes once it is committed, and says whether it is new work. */
    public CompletableFuture<Ingested> ingest(Delivery d) {
        byte[] stored = PayloadCodec.compress(d.payload()); // here, on the caller's thread, not the single writer's
        return db.write(c -> {
            PreparedStatement find = db.prepared(c, "SELECT state, seq, ordering_key FROM deliveries WHERE id = ?");
            find.setString(1, d.id());
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    DeliveryState state = DeliveryState.of(rs.getString(1));
                    QueuedDelivery queued = new QueuedDelivery(rs.getLong(2), d.id(), rs.getString(3), d.receivedAt(), 0);
                    return switch (state) {
                        case DONE -> new Ingested(IngestOutcome.ALREADY_DONE, queued);
                        case PENDING, PROCESSING -> new Ingested(IngestOutcome.ALREADY_QUEUED, queued);
                        case FAILED, DEAD -> {
                            requeue(c, d.id(), d.receivedAt(), false);
                            yield new Ingested(IngestOutcome.REQUEUED, queued);
                        }
                    };
                }
            }
            PreparedStatement insert = db.prepared(c, "INSERT INTO deliveries (" + ROW_COLUMNS + ", requeued) VALUES (?,?,?,?,?,?,?,?,?,?,0) "
                    + "RETURNING seq");
            Database.bind(insert, row(d, stored, d.receivedAt()));
            try (ResultSet keys = insert.executeQuery()) {
                keys.next();
                return new Ingested(IngestOutcome.QUEUED,
                        new QueuedDelivery(keys.getLong(1), d.id(), d.summary().orderingKey(), d.receivedAt(), 0));
            }
        });
    }

    private static final String ROW_COLUMNS = "id, event, action, installation_id, repository, ordering_key, payload, received_at, "
            + "state, next_attempt_at";

    /** A new pending row's values, in the order of {@link #ROW_COLUMNS}. */
    private static Object[] row(Delivery d, byte[] stored, long notBefore) {
        PayloadSummary s = d.summary();
        return new Object[] {d.id(), d.event(), s.action(), s.installationId(), s.repository(), s.orderingKey(), stored,
            d.receivedAt(), DeliveryState.PENDING.sql(), notBefore};
    }

    /** What storing a delivery did, and the queue entry for the workers when there is work. */
    public record Ingested(IngestOutcome outcome, QueuedDelivery queued) {
    }

    /** @param flag whether a running server must find it by sweeping (true from the command line) */
    private static void requeue(java.sql.Connection c, String id, long now, boolean flag) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE deliveries SET state = 'pending', next_attempt_at = ?, "
                + "attempts = 0, requeued = ? WHERE id = ?")) {
            update.setLong(1, now);
            update.setInt(2, flag ? 1 : 0);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    /**
     * A delivery the bot sends itself (a poll of an outside service, say), due at {@code notBefore}. Marked like a
     * command-line redelivery, so the running server's sweep picks it up; an id already stored is left alone, which
     * makes scheduling the same follow-up twice harmless.
     */
    public void scheduleFollowUp(Delivery d, long notBefore) throws SQLException {
        byte[] stored = PayloadCodec.compress(d.payload());
        db.update("INSERT INTO deliveries (" + ROW_COLUMNS + ", requeued) VALUES (?,?,?,?,?,?,?,?,?,?,1) ON CONFLICT (id) DO NOTHING",
                row(d, stored, notBefore));
    }

    /** The command line's redeliver: queue a stored delivery again, whatever its state. */
    public boolean requeue(String id, long now) throws java.sql.SQLException {
        return db.writeNow(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM deliveries WHERE id = ?")) {
                find.setString(1, id);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            requeue(c, id, now, true);
            return true;
        });
    }

    /** Everything not finished, in arrival order: what a starting server resumes (a crash leaves some 'processing'). */
    public List<QueuedDelivery> unfinished() throws SQLException {
        return queued("state IN ('pending', 'processing', 'failed')");
    }

    /** Deliveries the command line queued again since the server last looked; taking them clears the mark, atomically. */
    public List<QueuedDelivery> takeRequeued() throws SQLException {
        return db.writeNow(c -> {
            List<QueuedDelivery> out = new ArrayList<>();
            try (PreparedStatement take = c.prepareStatement("UPDATE deliveries SET requeued = 0 WHERE requeued = 1 "
                    + "RETURNING seq, id, ordering_key, next_attempt_at, attempts");
                 ResultSet rs = take.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueuedDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5)));
                }
            }
            out.sort(java.util.Comparator.comparingLong(QueuedDelivery::seq));
            return out;
        });
    }

    private List<QueuedDelivery> queued(String where) throws SQLException {
        return db.read(c -> {
            List<QueuedDelivery> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT seq, id, ordering_key, next_attempt_at, attempts "
                    + "FROM deliveries WHERE " + where + " ORDER BY seq");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueuedDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5)));
                }
            }
            return out;
        });
    }

    /** A delivery's row and its payload as GitHub sent it. */
    public record Loaded(StoredDelivery row, byte[] payload) {
    }

    /** Row and payload in one read, for the worker; decompressed on its thread, outside the store's lock. */
    public Loaded load(long seq) throws SQLException {
        Stored stored = db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + ", payload, payload_encoding FROM deliveries WHERE seq = ?")) {
                q.setLong(1, seq);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("delivery " + seq + " is not in the store");
                    }
                    return new Stored(row(rs), rs.getBytes(13), rs.getString(14)); // after the 12 COLUMNS
                }
            }
        });
        return new Loaded(stored.row(), PayloadCodec.decompress(stored.payload(), stored.encoding()));
    }

    private record Stored(StoredDelivery row, byte[] payload, String encoding) {
    }

    public byte[] payload(long seq) throws SQLException {
        return load(seq).payload();
    }

    /**
     * Forgets finished deliveries received before {@code before}. GitHub redelivers only within three days, so
     * the redelivery guard needs no more than that; dead ones are kept for a person to look at.
     */
    public CompletableFuture<Integer> prune(long before) {
        return db.write(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM deliveries WHERE state = 'done' AND received_at < ?")) {
                d.setLong(1, before);
                return d.executeUpdate();
            }
        });
    }

    public Optional<StoredDelivery> find(String id) throws SQLException {
        List<StoredDelivery> found = list("WHERE id = ?", id, 1);
        return found.stream().findFirst();
    }

    /** Most recent first, optionally in one state. */
    public List<StoredDelivery> recent(Optional<DeliveryState> state, int limit) throws SQLException {
        return state.isPresent() ? list("WHERE state = ?", state.get().sql(), limit) : list("", null, limit);
    }

    private List<StoredDelivery> list(String where, String arg, int limit) throws SQLException {
        return db.read(c -> {
            List<StoredDelivery> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM deliveries " + where + " ORDER BY seq DESC LIMIT ?")) {
                int i = 1;
                if (arg != null) {
                    q.setString(i++, arg);
                }
                q.setInt(i, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    public long countByState(DeliveryState state) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE state = ?")) {
                q.setString(1, state.sql());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.getLong(1);
                }
            }
        });
    }

    public CompletableFuture<Void> markProcessing(long seq) {
        return update("UPDATE deliveries SET state = 'processing', attempts = attempts + 1 WHERE seq = ?", seq);
    }

    public CompletableFuture<Void> markDone(long seq, long now, long durationMs) {
        return db.write(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE deliveries SET state = 'done', finished_at = ?, "
                    + "duration_ms = ?, last_error = NULL WHERE seq = ?")) {
                u.setLong(1, now);
                u.setLong(2, durationMs);
                u.setLong(3, seq);
                u.executeUpdate();
            }
            return null;
        });
    }

    /** A failed attempt: back to the queue at {@code nextAttemptAt}, or dead when there is none. */
    public CompletableFuture<Void> markFailed(long seq, String error, Long nextAttemptAt, long now) {
        return db.write(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE deliveries SET state = ?, last_error = ?, "
                    + "next_attempt_at = COALESCE(?, next_attempt_at), finished_at = ? WHERE seq = ?")) {
                u.setString(1, nextAttemptAt == null ? "dead" : "failed");
                u.setString(2, error);
                setLong(u, 3, nextAttemptAt);
                if (nextAttemptAt == null) {
                    u.setLong(4, now);
                } else {
                    u.setNull(4, Types.INTEGER);
                }
                u.setLong(5, seq);
                u.executeUpdate();
            }
            return null;
        });
    }

    /** Waiting on a GitHub rate limit is not a failed attempt: the attempt is given back. */
    public CompletableFuture<Void> reschedule(long seq, long at, String reason) {
        return db.write(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE deliveries SET state = 'pending', next_attempt_at = ?, "
                    + "attempts = MAX(attempts - 1, 0), last_error = ? WHERE seq = ?")) {
                u.setLong(1, at);
                u.setString(2, reason);
                u.setLong(3, seq);
                u.executeUpdate();
            }
            return null;
        });
    }

    private CompletableFuture<Void> update(String sql, long seq) {
        return db.write(c -> {
            try (PreparedStatement u = c.prepareStatement(sql)) {
                u.setLong(1, seq);
                u.executeUpdate();
            }
            return null;
        });
    }

    private static StoredDelivery row(ResultSet rs) throws SQLException {
        long installation = rs.getLong(5);
        Long installationId = rs.wasNull() ? null : installation;
        long duration = rs.getLong(12);
        Long durationMs = rs.wasNull() ? null : duration;
        return new StoredDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), installationId,
                rs.getString(6), rs.getLong(7), DeliveryState.of(rs.getString(8)), rs.getInt(9), rs.getLong(10),
                rs.getString(11), durationMs);
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }
}
