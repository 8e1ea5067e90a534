package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The durable queue: claims (leases a replica renews while it works), outcomes written only by the claim's holder,
 * and follow-ups joining the queue when due.
 */
public final class DeliveryQueue {
    private static final String UNFINISHED = DeliveryState.list(DeliveryState.UNFINISHED);
    private static final String WAITING = DeliveryState.list(java.util.EnumSet.of(DeliveryState.PENDING, DeliveryState.FAILED));
    private static final String PENDING = DeliveryState.PENDING.literal();
    private static final String PROCESSING = DeliveryState.PROCESSING.literal();
    private static final String DONE = DeliveryState.DONE.literal();
    private static final int CLAIM_WINDOW = 500;
    private final Database db;

    public DeliveryQueue(Database db) {
        this.db = db;
    }

    /** Follow-ups due by {@code now} join the queue, at its end, in the order they fell due. */
    private void promoteDueFollowUps(java.sql.Connection c, long now) throws SQLException {
        PreparedStatement promote = db.prepared(c, "INSERT INTO deliveries (id, event, action, installation_id, repository, ordering_key, "
                + "payload, payload_encoding, received_at, state, next_attempt_at) SELECT id, event, action, installation_id, repository, "
                + "ordering_key, payload, payload_encoding, received_at, " + PENDING + ", due_at FROM follow_ups WHERE due_at <= ? "
                + "ORDER BY due_at, id ON CONFLICT (id) DO NOTHING");
        promote.setLong(1, now);
        promote.executeUpdate();
        PreparedStatement clear = db.prepared(c, "DELETE FROM follow_ups WHERE due_at <= ?");
        clear.setLong(1, now);
        clear.executeUpdate();
    }

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
            PreparedStatement claim = db.prepared(c, "UPDATE deliveries SET state = " + PROCESSING + ", attempts = attempts + 1, "
                    + "claimed_by = ?, lease_until = ? WHERE seq IN (SELECT d.seq FROM (SELECT seq FROM deliveries "
                    + "WHERE state IN " + UNFINISHED + " ORDER BY seq LIMIT " + CLAIM_WINDOW + ") w "
                    // the window drives the join: the finished history (days of it) is never scanned
                    + "JOIN deliveries d ON d.seq = w.seq "
                    // stated on d itself: PostgreSQL re-checks these on a row another replica changed meanwhile
                    + "WHERE (d.state IN " + WAITING + " AND d.next_attempt_at <= ? OR d.state = " + PROCESSING + " AND d.lease_until < ?) "
                    + "AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.ordering_key = d.ordering_key AND e.seq < d.seq "
                    + "AND e.state IN " + UNFINISHED + ") "
                    + "ORDER BY d.seq LIMIT ?" + skipLocked + ") RETURNING seq, id, ordering_key, attempts");
            Database.bind(claim, replica, leaseUntil, now, now, max);
            List<QueuedDelivery> out = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueuedDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
            out.sort(Comparator.comparingLong(QueuedDelivery::seq));
            return out;
        });
    }

    /** Extends the leases of the deliveries {@code replica} is still working on. */
    public void renew(String replica, Collection<Long> seqs, long leaseUntil) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        String marks = String.join(",", Collections.nCopies(seqs.size(), "?"));
        List<Object> args = new ArrayList<>(List.of(leaseUntil, replica));
        args.addAll(seqs);
        db.update("UPDATE deliveries SET lease_until = ? WHERE claimed_by = ? AND state = " + PROCESSING + " AND seq IN (" + marks + ")",
                args.toArray());
    }

    /**
     * What a process that owns its database alone does at start: claims left by its previous run (a crash) are
     * free at once instead of when their leases run out.
     */
    public int releaseAbandonedClaims() throws SQLException {
        return db.update("UPDATE deliveries SET lease_until = 0 WHERE state = " + PROCESSING);
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
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE state IN " + UNFINISHED);
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
            try (PreparedStatement q = c.prepareStatement("SELECT " + StoredDelivery.COLUMNS + ", payload, payload_encoding FROM deliveries WHERE seq = ?")) {
                q.setLong(1, seq);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("delivery " + seq + " is not in the store");
                    }
                    return new Stored(StoredDelivery.read(rs), rs.getBytes(13), rs.getString(14)); // after the 12 COLUMNS
                }
            }
        });
        return new Loaded(stored.row(), PayloadCodec.decompress(stored.payload(), stored.encoding()));
    }

    private record Stored(StoredDelivery row, byte[] payload, String encoding) {
    }

    /**
     * Done; false when {@code replica} no longer holds the claim (its lease ran out and another replica took the
     * delivery, whose own outcome counts).
     */
    public boolean markDone(long seq, String replica, long now, long durationMs) throws SQLException {
        return db.update("UPDATE deliveries SET state = " + DONE + ", finished_at = ?, duration_ms = ?, last_error = NULL, "
                + "claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?", now, durationMs, seq, replica) == 1;
    }

    /** A failed attempt: back to the queue at {@code nextAttemptAt}, or dead when there is none. */
    public boolean markFailed(long seq, String replica, String error, Long nextAttemptAt, long now) throws SQLException {
        return db.update("UPDATE deliveries SET state = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
                        + "finished_at = ?, claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?",
                (nextAttemptAt == null ? DeliveryState.DEAD : DeliveryState.FAILED).sql(), error, nextAttemptAt, nextAttemptAt == null ? now : null, seq, replica) == 1;
    }

    /**
     * Not a failed attempt, given back to run at {@code at}: a GitHub rate limit, or a replica stopping before it
     * could finish.
     */
    public boolean handBack(long seq, String replica, long at, String reason) throws SQLException {
        return db.update("UPDATE deliveries SET state = " + PENDING + ", next_attempt_at = ?, "
                + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, last_error = COALESCE(?, last_error), "
                + "claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?", at, reason, seq, replica) == 1;
    }
}
