package dev.releasetrain.release;

import dev.releasetrain.store.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The releases in the database's {@code releases} table. */
public record SqlReleaseRecords(Database db) implements ReleaseRecords {
    private static final String COLUMNS = "repository, version, issue_number, owner, state, previous_tag, cut_sha, started_at, branch";

    @Override
    public void save(Release r) throws SQLException {
        db.update("INSERT INTO releases (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (repository, version) "
                + "DO UPDATE SET issue_number = excluded.issue_number, owner = excluded.owner, state = excluded.state, "
                + "branch = COALESCE(releases.branch, excluded.branch)",
                r.repository(), r.version().toString(), r.issueNumber(), r.owner(), r.cancelled() ? "cancelled" : "open",
                r.previousTag().orElse(null), r.cutSha(), r.startedAt(), r.branch());
    }

    @Override
    public Optional<Release> find(String repository, Version version) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM releases WHERE repository = ? AND version = ?", SqlReleaseRecords::row,
                repository, version.toString()).stream().findFirst();
    }

    @Override
    public Optional<Release> byIssue(String repository, long issue) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM releases WHERE repository = ? AND issue_number = ?", SqlReleaseRecords::row,
                repository, issue).stream().findFirst();
    }

    @Override
    public List<Release> all(String repository) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM releases WHERE repository = ?", SqlReleaseRecords::row, repository).stream()
                .sorted(Comparator.comparing(Release::version).reversed()).toList();
    }

    private static Release row(ResultSet rs) throws SQLException {
        long issue = rs.getLong(3);
        Long issueNumber = rs.wasNull() ? null : issue;
        return new Release(rs.getString(1), Version.parse(rs.getString(2)).orElseThrow(), issueNumber, rs.getString(4),
                "cancelled".equals(rs.getString(5)), Optional.ofNullable(rs.getString(6)), rs.getString(7), rs.getLong(8),
                rs.getString(9));
    }
}
