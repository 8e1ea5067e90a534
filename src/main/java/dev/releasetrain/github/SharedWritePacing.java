package dev.releasetrain.github;

import dev.releasetrain.store.Database;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The write budget in the database, so every replica draws on one bucket per installation: the row is locked while
 * a write is taken, which serialises replicas as the in-memory pacing serialises threads.
 */
public final class SharedWritePacing extends WritePacing {
    private final Database db;

    public SharedWritePacing(Database db, int writesPerMinute) {
        super(writesPerMinute);
        this.db = db;
    }

    @Override
    protected long take(long installation, long now) throws IOException {
        try {
            return db.writeNow(c -> {
                TokenBucket.Taken full = TokenBucket.full(rate, now).take(rate, now);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO write_pacing (installation_id, tokens, updated_at) "
                        + "VALUES (?, ?, ?) ON CONFLICT (installation_id) DO NOTHING")) {
                    Database.bind(insert, installation, full.after().tokens(), now);
                    if (insert.executeUpdate() == 1) {
                        return full.waitMillis();
                    }
                }
                TokenBucket bucket;
                try (PreparedStatement read = c.prepareStatement("SELECT tokens, updated_at FROM write_pacing WHERE installation_id = ? FOR UPDATE")) {
                    read.setLong(1, installation);
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                        bucket = new TokenBucket(rs.getDouble(1), rs.getLong(2));
                    }
                }
                TokenBucket.Taken taken = bucket.take(rate, now);
                if (taken.waitMillis() <= MAX_SLEEP_MILLIS) {
                    try (PreparedStatement update = c.prepareStatement("UPDATE write_pacing SET tokens = ?, updated_at = ? WHERE installation_id = ?")) {
                        Database.bind(update, taken.after().tokens(), taken.after().updatedAt(), installation);
                        update.executeUpdate();
                    }
                }
                return taken.waitMillis();
            });
        } catch (SQLException e) {
            throw new IOException("the installation's write budget cannot be read from the store: " + e.getMessage(), e);
        }
    }
}
