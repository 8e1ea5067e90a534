package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The deliveries stored, finished or not: what the command line lists, fetch-back compares, and retention prunes. */
public final class DeliveryHistory {
    private final Database db;

    public DeliveryHistory(Database db) {
        this.db = db;
    }

    /**
     * Forgets finished deliveries received before {@code before}. GitHub redelivers only within three days, so
     * the redelivery guard needs no more than that; dead ones are kept for a person to look at.
     */
    public CompletableFuture<Integer> prune(long before) {
        return db.write(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM deliveries WHERE state = " + DeliveryState.DONE.literal() + " AND received_at < ?")) {
                d.setLong(1, before);
                return d.executeUpdate();
            }
        });
    }

    /** Which of these delivery ids the store holds, in any state. */
    public Set<String> stored(Collection<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
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
            try (PreparedStatement q = c.prepareStatement("SELECT " + StoredDelivery.COLUMNS + " FROM deliveries " + where + " ORDER BY seq DESC LIMIT ?")) {
                int i = 1;
                if (arg != null) {
                    q.setString(i++, arg);
                }
                q.setInt(i, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(StoredDelivery.read(rs));
                    }
                }
            }
            return out;
        });
    }
}
