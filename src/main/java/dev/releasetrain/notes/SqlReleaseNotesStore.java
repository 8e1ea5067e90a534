package dev.releasetrain.notes;

import dev.releasetrain.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Merged pull requests and release cuts in the database's {@code merged_pull_requests} and {@code release_cuts} tables. */
public record SqlReleaseNotesStore(Database db) implements ReleaseNotesStore {
    @Override
    public void merged(String repo, MergedPullRequest pr, String baseRef) throws SQLException {
        db.update("INSERT INTO merged_pull_requests (repository, number, title, author, author_association, labels, base_ref, "
                + "merged_at, highlight, note) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (repository, number) DO UPDATE SET "
                + "title = excluded.title, labels = excluded.labels, highlight = excluded.highlight, note = excluded.note",
                repo, pr.number(), pr.title(), pr.author(), pr.authorAssociation(), String.join("\n", pr.labels()), baseRef,
                pr.mergedAt(), pr.highlight() ? 1 : 0, pr.note());
    }

    @Override
    public void cut(String repo, String version, long at) throws SQLException {
        db.update("INSERT INTO release_cuts (repository, version, cut_at) VALUES (?,?,?) ON CONFLICT DO NOTHING", repo, version, at);
    }

    @Override
    public List<MergedPullRequest> release(String repo, String version, String branchPrefix) throws SQLException {
        return db.read(c -> {
            Long cut = null;
            try (PreparedStatement q = c.prepareStatement("SELECT cut_at FROM release_cuts WHERE repository = ? AND version = ?")) {
                q.setString(1, repo);
                q.setString(2, version);
                try (ResultSet rs = q.executeQuery()) {
                    cut = rs.next() ? rs.getLong(1) : null;
                }
            }
            long previous;
            try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(cut_at), 0) FROM release_cuts WHERE repository = ? AND cut_at < ?")) {
                q.setString(1, repo);
                q.setLong(2, cut == null ? Long.MAX_VALUE : cut);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    previous = rs.getLong(1);
                }
            }
            List<MergedPullRequest> out = new ArrayList<>();
            // the cherry-pick records are the capability's own table; reading them here is what "picked into" means. A fix
            // merged straight into the release branch by a person belongs to the release (a pick's own pull request, the
            // bot's, stands for the fix it picks, which is counted already)
            try (PreparedStatement q = c.prepareStatement("SELECT number, title, author, author_association, labels, merged_at, highlight, note, base_ref "
                    + "FROM merged_pull_requests WHERE repository = ? AND ((merged_at > ? AND merged_at <= ? AND base_ref NOT LIKE ? || '%') "
                    + "OR number IN (SELECT number FROM cherry_picks WHERE repository = ? AND target = ? AND state IN ('done', 'resolved', 'already')) "
                    + "OR (base_ref = ? AND author NOT LIKE '%[bot]')) "
                    + "ORDER BY merged_at, number")) {
                q.setString(1, repo);
                q.setLong(2, previous);
                q.setLong(3, cut == null ? Long.MAX_VALUE : cut);
                q.setString(4, branchPrefix);
                q.setString(5, repo);
                q.setString(6, branchPrefix + version);
                q.setString(7, branchPrefix + version);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MergedPullRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5).isEmpty() ? List.of() : Arrays.asList(rs.getString(5).split("\n")), rs.getLong(6),
                                rs.getInt(7) == 1, rs.getString(8), (branchPrefix + version).equals(rs.getString(9))));
                    }
                }
            }
            return out;
        });
    }
}
