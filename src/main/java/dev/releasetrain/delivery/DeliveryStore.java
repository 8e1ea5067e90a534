package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    public CompletableFuture<IngestOutcome> ingest(Delivery d) {
        byte[] stored = PayloadCodec.compress(d.payload()); // here, on the caller's thread, not the single writer's
        return db.write(c -> {
            // a new id is the common case, so the insert comes first and the id's index is searched once; a
            // redelivery racing its twin on another replica is decided by the unique id too
            PreparedStatement insert = db.prepared(c, "INSERT INTO deliveries (" + ROW_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (id) DO NOTHING");
            Database.bind(insert, row(d, stored, d.receivedAt()));
            if (insert.executeUpdate() == 1) {
                return IngestOutcome.QUEUED;
            }
            PreparedStatement find = db.prepared(c, "SELECT state FROM deliveries WHERE id = ?");
            find.setString(1, d.id());
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return IngestOutcome.ALREADY_QUEUED; // only if the row it met was pruned in between (PostgreSQL): a repeat all the same
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

    private static final String ROW_COLUMNS = "id, event, action, installation_id, repository, ordering_key, payload, received_at, "
            + "state, next_attempt_at";

    /** A new pending row's values, in the order of {@link #ROW_COLUMNS}. */
    private static Object[] row(Delivery d, byte[] stored, long notBefore) {
        PayloadSummary s = d.summary();
        return new Object[] {d.id(), d.event(), s.action(), s.installationId(), s.repository(), s.orderingKey(), stored,
            d.receivedAt(), DeliveryState.PENDING.sql(), notBefore};
    }

    private static void requeue(java.sql.Connection c, String id, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE deliveries SET state = 'pending', next_attempt_at = ?, "
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
                    + "ordering_key, payload, received_at, due_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING")) {
                Database.bind(insert, d.id(), d.event(), s.action(), s.installationId(), s.repository(), s.orderingKey(), stored,
                        d.receivedAt(), notBefore);
                return insert.executeUpdate();
            }
        });
    }

    /** Follow-ups due by {@code now} join the queue, at its end, in the order they fell due. */
    private void promoteDueFollowUps(java.sql.Connection c, long now) throws SQLException {
        PreparedStatement promote = db.prepared(c, "INSERT INTO deliveries (id, event, action, installation_id, repository, ordering_key, "
                + "payload, payload_encoding, received_at, state, next_attempt_at) SELECT id, event, action, installation_id, repository, "
                + "ordering_key, payload, payload_encoding, received_at, 'pending', due_at FROM follow_ups WHERE due_at <= ? "
                + "ORDER BY due_at, id ON CONFLICT (id) DO NOTHING");
        promote.setLong(1, now);
        promote.executeUpdate();
        PreparedStatement clear = db.prepared(c, "DELETE FROM follow_ups WHERE due_at <= ?");
        clear.setLong(1, now);
        clear.executeUpdate();
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

    private static final int CLAIM_WINDOW = 500;

    /**
     * Claims up to {@code max} deliveries for {@code replica} until {@code leaseUntil}: due ones, and those whose
     * holder's lease ran out (it died), oldest first, none while an earlier delivery of its ordering key is
     * unfinished, so one pull request's deliveries run one at a time in arrival order across the fleet. PostgreSQL
     * skips rows another replica is claiming; SQLite has one writer, which serialises claims by itself.
     */
    public List<QueuedDelivery> claim(String replica, int max, long now, long leaseUntil) throws SQLException {
        String skipLocked = db.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE OF d SKIP LOCKED" : "";
        return db.writeNow(c -> {
            promoteDueFollowUps(c, now);
            // only the oldest CLAIM_WINDOW unfinished rows are looked at: a backlog of one busy pull request (each of
            // its rows waiting behind the first) costs a bounded scan, not one over the whole queue
            PreparedStatement claim = db.prepared(c, "UPDATE deliveries SET state = 'processing', attempts = attempts + 1, "
                    + "claimed_by = ?, lease_until = ? WHERE seq IN (SELECT d.seq FROM (SELECT seq FROM deliveries "
                    + "WHERE state IN ('pending', 'processing', 'failed') ORDER BY seq LIMIT " + CLAIM_WINDOW + ") w "
                    // the window drives the join: the finished history (days of it) is never scanned
                    + "JOIN deliveries d ON d.seq = w.seq "
                    // stated on d itself: PostgreSQL re-checks these on a row another replica changed meanwhile
                    + "WHERE (d.state IN ('pending', 'failed') AND d.next_attempt_at <= ? OR d.state = 'processing' AND d.lease_until < ?) "
                    + "AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.ordering_key = d.ordering_key AND e.seq < d.seq "
                    + "AND e.state IN ('pending', 'processing', 'failed')) "
                    + "ORDER BY d.seq LIMIT ?" + skipLocked + ") RETURNING seq, id, ordering_key, attempts");
            Database.bind(claim, replica, leaseUntil, now, now, max);
            List<QueuedDelivery> out = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueuedDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
            out.sort(java.util.Comparator.comparingLong(QueuedDelivery::seq));
            return out;
        });
    }

    /** Extends the leases of the deliveries {@code replica} is still working on. */
    public void renew(String replica, java.util.Collection<Long> seqs, long leaseUntil) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(seqs.size(), "?"));
        List<Object> args = new ArrayList<>(List.of(leaseUntil, replica));
        args.addAll(seqs);
        db.update("UPDATE deliveries SET lease_until = ? WHERE claimed_by = ? AND state = 'processing' AND seq IN (" + marks + ")",
                args.toArray());
    }

    /**
     * What a process that owns its database alone does at start: claims left by its previous run (a crash) are
     * free at once instead of when their leases run out.
     */
    public int releaseAbandonedClaims() throws SQLException {
        return db.update("UPDATE deliveries SET lease_until = 0 WHERE state = 'processing'");
    }

    /** Wakes the workers of every replica: there is new or newly runnable work. */
    public void announceWork() {
        db.announceWork();
    }

    /** Calls {@code wake} whenever any replica announces work. */
    public void onWork(Runnable wake) {
        db.onWork(wake);
    }

    /** Whether this process owns the store alone (SQLite), so that whatever it finds claimed is its own from before. */
    public boolean singleProcess() {
        return db.dialect().singleProcess();
    }

    /** Deliveries not finished yet (queued, running or waiting for a retry), across the fleet. */
    public long unfinishedCount() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'processing', 'failed')");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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

    /** Which of these delivery ids the store holds, in any state. */
    public java.util.Set<String> stored(java.util.Collection<String> ids) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(db.query("SELECT id FROM deliveries WHERE id IN (" + marks + ")", rs -> rs.getString(1), chunk.toArray()));
        }
        return out;
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

    /**
     * Done; false when {@code replica} no longer holds the claim (its lease ran out and another replica took the
     * delivery, whose own outcome counts).
     */
    public boolean markDone(long seq, String replica, long now, long durationMs) throws SQLException {
        return db.update("UPDATE deliveries SET state = 'done', finished_at = ?, duration_ms = ?, last_error = NULL, "
                + "claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?", now, durationMs, seq, replica) == 1;
    }

    /** A failed attempt: back to the queue at {@code nextAttemptAt}, or dead when there is none. */
    public boolean markFailed(long seq, String replica, String error, Long nextAttemptAt, long now) throws SQLException {
        return db.update("UPDATE deliveries SET state = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
                        + "finished_at = ?, claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?",
                nextAttemptAt == null ? "dead" : "failed", error, nextAttemptAt, nextAttemptAt == null ? now : null, seq, replica) == 1;
    }

    /**
     * Not a failed attempt, given back to run at {@code at}: a GitHub rate limit, or a replica stopping before it
     * could finish.
     */
    public boolean handBack(long seq, String replica, long at, String reason) throws SQLException {
        return db.update("UPDATE deliveries SET state = 'pending', next_attempt_at = ?, "
                + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, last_error = COALESCE(?, last_error), "
                + "claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?", at, reason, seq, replica) == 1;
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

}
