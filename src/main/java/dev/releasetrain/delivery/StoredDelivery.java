package dev.releasetrain.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A delivery row as the command line and the workers read it. */
public record StoredDelivery(long seq, String id, String event, String action, Long installationId, String repository,
                             long receivedAt, DeliveryState state, int attempts, long nextAttemptAt, String lastError,
                             Long durationMs) {
    /** The columns {@link #read} reads, in order. */
    static final String COLUMNS = "seq, id, event, action, installation_id, repository, received_at, state, "
            + "attempts, next_attempt_at, last_error, duration_ms";

    static StoredDelivery read(ResultSet rs) throws SQLException {
        long installation = rs.getLong(5);
        Long installationId = rs.wasNull() ? null : installation;
        long duration = rs.getLong(12);
        Long durationMs = rs.wasNull() ? null : duration;
        return new StoredDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), installationId,
                rs.getString(6), rs.getLong(7), DeliveryState.of(rs.getString(8)), rs.getInt(9), rs.getLong(10),
                rs.getString(11), durationMs);
    }
}
