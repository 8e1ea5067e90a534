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
    /** Each of the claim's two windows looks at this many rows at most. */
    private static final int CLAIM_WINDOW = 250;
    /** Repositories whose oldest never-tried delivery each claim looks at first. */
    private static final int FIRSTS = 50;
    private final Database db;
    /** A delivery claimed this often without an outcome crashed its process each time: it is not claimed again. */
    private final int maxAttempts;

    public DeliveryQueue(Database db, int maxAttempts) {
        this.db = db;
        this.maxAttempts = maxAttempts;
    }

    /** Follow-ups due by {@code now} join the queue, at its end, in the order they fell due. */
    private void promoteDueFollowUps(java.sql.Connection c, long now) throws SQLException {
        PreparedStatement promote = db.prepared(c, "INSERT INTO deliveries (id, event, action, installation_id, repository, ordering_key, "
                + "payload, payload_encoding, received_at, state, next_attempt_at, app_id) SELECT id, event, action, installation_id, repository, "
                + "ordering_key, payload, payload_encoding, received_at, " + PENDING + ", due_at, app_id FROM follow_ups WHERE due_at <= ? "
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
     * skips rows another replica is claiming; SQLite has one writer, which serialises claims by itself. Only
     * deliveries {@code appId} verified (or stored before deliveries named their app) are claimed: a replica registered
     * to another app, a stranger's say, shares the database but never has its deliveries run with this app's rights.
     */
    public List<QueuedDelivery> claim(String replica, long appId, int max, long now, long leaseUntil) throws SQLException {
        String ours = " AND (app_id = " + appId + " OR app_id IS NULL)"; // a number, never text from outside
        String skipLocked = db.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE OF d SKIP LOCKED" : "";
        return db.writeNow(c -> {
            promoteDueFollowUps(c, now);
            buryCrashLoops(c, now);
            // bounded windows, never the whole queue: the oldest unfinished rows (retries and leases run out among
            // them), the oldest never tried, so that one repository's failing backlog, however long, cannot hide
            // another's new deliveries, and the oldest never-tried delivery of each of up to FIRSTS repositories (an
            // index walk, repository by repository), so that one repository's flood of new deliveries cannot either:
            // those are taken first, then the other new ones, then retries
            String fresh = "state = " + PENDING + " AND attempts = 0" + ours;
            PreparedStatement claim = db.prepared(c, "UPDATE deliveries SET state = " + PROCESSING + ", attempts = attempts + 1, "
                    + "claimed_by = ?, lease_until = ? WHERE seq IN (SELECT d.seq FROM ("
                    + "SELECT seq, MIN(p) AS p FROM ("
                    + "SELECT seq, 2 AS p FROM (SELECT seq FROM deliveries WHERE state IN " + UNFINISHED + ours + " ORDER BY seq LIMIT " + CLAIM_WINDOW + ") a "
                    + "UNION ALL SELECT seq, 1 AS p FROM (SELECT seq FROM deliveries WHERE " + fresh + " ORDER BY seq LIMIT " + CLAIM_WINDOW + ") f "
                    + "UNION ALL SELECT seq, 0 AS p FROM (WITH RECURSIVE r(repo, n) AS ("
                    + "SELECT MIN(repository), 1 FROM deliveries WHERE " + fresh + " "
                    + "UNION ALL SELECT (SELECT MIN(repository) FROM deliveries WHERE " + fresh + " AND repository > r.repo), n + 1 FROM r "
                    + "WHERE r.repo IS NOT NULL AND n < " + FIRSTS + ") "
                    + "SELECT (SELECT MIN(seq) FROM deliveries WHERE " + fresh + " AND repository = r.repo) AS seq FROM r WHERE r.repo IS NOT NULL) t"
                    + ") u GROUP BY seq) w "
                    // the windows drive the join: the finished history (days of it) is never scanned
                    + "JOIN deliveries d ON d.seq = w.seq "
                    // stated on d itself: PostgreSQL re-checks these on a row another replica changed meanwhile
                    + "WHERE (d.state IN " + WAITING + " AND d.next_attempt_at <= ? OR d.state = " + PROCESSING + " AND d.lease_until < ?) "
                    // another app's deliveries of the same pull request are not this app's line to wait in
                    + "AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.ordering_key = d.ordering_key AND e.seq < d.seq "
                    + "AND e.state IN " + UNFINISHED + " AND (e.app_id = " + appId + " OR e.app_id IS NULL)) "
                    + "ORDER BY CASE WHEN w.p = 0 THEN 0 WHEN d.attempts = 0 THEN 1 ELSE 2 END, d.seq LIMIT ?" + skipLocked + ") RETURNING seq, id, ordering_key, attempts");
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

    /**
     * A delivery whose holder died every time it ran it (its lease ran out with no outcome, as many times as it may be
     * tried) would take down each process that claims it: it is dead, with why, and not claimed again. Attempts are
     * counted when a delivery is claimed, so a crash counts as one.
     */
    private void buryCrashLoops(java.sql.Connection c, long now) throws SQLException {
        PreparedStatement bury = db.prepared(c, "UPDATE deliveries SET state = " + DeliveryState.DEAD.literal() + ", last_error = ?, "
                + "finished_at = ?, claimed_by = NULL, lease_until = NULL WHERE state = " + PROCESSING + " AND lease_until < ? AND attempts >= ?");
        Database.bind(bury, "its process stopped while running it " + maxAttempts + " times (a crash or a kill each time); not run again",
                now, now, maxAttempts);
        bury.executeUpdate();
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
        return markDone(seq, replica, now, durationMs, null);
    }

    /**
     * Done, with why there was nothing more to do: GitHub's final answer (a repository, pull request or commit that
     * is gone, an installation no longer granted, a request it will always refuse), kept for {@code deliveries}.
     */
    public boolean markDone(long seq, String replica, long now, long durationMs, String reason) throws SQLException {
        return db.update("UPDATE deliveries SET state = " + DONE + ", finished_at = ?, duration_ms = ?, last_error = ?, "
                + "claimed_by = NULL, lease_until = NULL WHERE seq = ? AND claimed_by = ?", now, durationMs, reason, seq, replica) == 1;
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
