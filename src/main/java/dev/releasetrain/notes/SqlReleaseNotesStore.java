package dev.releasetrain.notes;

import dev.releasetrain.store.Database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Merged pull requests and release cuts in the database's {@code merged_pull_requests} and {@code release_cuts} tables. */
public record SqlReleaseNotesStore(Database db) implements ReleaseNotesStore {
    private static final int SLICE = 500;

    @Override
    public void merged(String repo, MergedPullRequest pr, String baseRef) throws SQLException {
        db.update("INSERT INTO merged_pull_requests (repository, number, title, author, author_association, labels, base_ref, "
                + "merged_at, highlight, note) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (repository, number) DO UPDATE SET "
                + "title = excluded.title, labels = excluded.labels, highlight = excluded.highlight, note = excluded.note",
                repo, pr.number(), pr.title(), pr.author(), pr.authorAssociation(), String.join("\n", pr.labels()), baseRef,
                pr.mergedAt(), pr.highlight() ? 1 : 0, pr.note());
    }

    @Override
    public void cut(String repo, String version, String branch, long at) throws SQLException {
        db.update("INSERT INTO release_cuts (repository, version, branch, cut_at) VALUES (?,?,?,?) ON CONFLICT (repository, version) "
                + "DO UPDATE SET branch = COALESCE(release_cuts.branch, excluded.branch)", repo, version, branch, at);
    }

    @Override
    public List<MergedPullRequest> pullRequests(String repo, Collection<Long> numbers) throws SQLException {
        List<MergedPullRequest> out = new ArrayList<>();
        List<Long> all = List.copyOf(numbers);
        // in slices: a query's parameters are bounded (SQLite's 32,766), a release's pull requests are not
        for (int from = 0; from < all.size(); from += SLICE) {
            List<Long> slice = all.subList(from, Math.min(all.size(), from + SLICE));
            List<Object> args = new ArrayList<>();
            args.add(repo);
            args.addAll(slice);
            out.addAll(db.query("SELECT number, title, author, author_association, labels, merged_at, highlight, note FROM merged_pull_requests "
                    + "WHERE repository = ? AND number IN (" + String.join(",", Collections.nCopies(slice.size(), "?")) + ")",
                    rs -> new MergedPullRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5).isEmpty() ? List.of() : Arrays.asList(rs.getString(5).split("\n")), rs.getLong(6),
                            rs.getInt(7) == 1, rs.getString(8), false), args.toArray()));
        }
        out.sort(Comparator.comparingLong(MergedPullRequest::mergedAt).thenComparingLong(MergedPullRequest::number));
        return out;
    }
}
