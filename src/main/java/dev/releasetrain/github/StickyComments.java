package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.store.Database;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One bot comment per pull request and purpose, found by a hidden marker ({@code <!-- release-train:size -->}),
 * edited in place and never posted twice. What was last written is remembered, so an unchanged comment costs no
 * call and a known absence costs no listing.
 */
public final class StickyComments {
    private final Database db;

    public StickyComments(Database db) {
        this.db = db;
    }

    /** The comment now says {@code body} (which must contain the marker). */
    public void upsert(GitHubRest rest, String repository, long number, String marker, String body) throws IOException, SQLException {
        String hash = ContentHash.of(body);
        Optional<State> state = state(repository, number, marker);
        if (state.isPresent() && state.get().commentId() != null && hash.equals(state.get().hash())) {
            return;
        }
        Long id = state.isPresent() ? state.get().commentId() : find(rest, repository, number, marker);
        if (id != null) {
            GitHubRest.Reply r = rest.call("PATCH", "/repos/" + repository + "/issues/comments/" + id, Map.of("body", body), Map.of());
            if (r.status() == 404) {
                id = null; // someone deleted it: post it again
            } else if (!r.ok()) {
                throw new GitHubApiException(r.status(), "editing comment " + id + " answered " + r.status());
            }
        }
        if (id == null) {
            id = rest.expect("POST", "/repos/" + repository + "/issues/" + number + "/comments", Map.of("body", body)).path("id").asLong();
        }
        remember(repository, number, marker, id, hash);
    }

    /** The comment is gone (if it was ever there). */
    public void remove(GitHubRest rest, String repository, long number, String marker) throws IOException, SQLException {
        Optional<State> state = state(repository, number, marker);
        if (state.isPresent() && state.get().commentId() == null) {
            return;
        }
        Long id = state.isPresent() ? state.get().commentId() : find(rest, repository, number, marker);
        if (id != null) {
            GitHubRest.Reply r = rest.call("DELETE", "/repos/" + repository + "/issues/comments/" + id, null, Map.of());
            if (!r.ok() && r.status() != 404) {
                throw new GitHubApiException(r.status(), "deleting comment " + id + " answered " + r.status());
            }
        }
        remember(repository, number, marker, null, null);
    }

    /** Known absent without asking (a new pull request): a later removal costs no listing. Known state is kept. */
    public void absent(String repository, long number, String marker) throws SQLException {
        db.update("INSERT INTO sticky_comments (repository, number, marker, comment_id, content_hash) VALUES (?,?,?,NULL,NULL) "
                + "ON CONFLICT (repository, number, marker) DO NOTHING", repository, number, marker);
    }

    private record State(Long commentId, String hash) {
    }

    private static Long find(GitHubRest rest, String repository, long number, String marker) throws IOException {
        for (int page = 1; page <= 30; page++) {
            JsonNode comments = rest.get("/repos/" + repository + "/issues/" + number + "/comments?per_page=100&page=" + page);
            for (JsonNode c : comments) {
                if (c.path("body").asText().contains(marker)) {
                    return c.path("id").asLong();
                }
            }
            if (comments.size() < 100) {
                break;
            }
        }
        return null;
    }

    private Optional<State> state(String repository, long number, String marker) throws SQLException {
        return db.query("SELECT comment_id, content_hash FROM sticky_comments WHERE repository = ? AND number = ? AND marker = ?", rs -> {
            long id = rs.getLong(1);
            return new State(rs.wasNull() ? null : id, rs.getString(2));
        }, repository, number, marker).stream().findFirst();
    }

    private void remember(String repository, long number, String marker, Long id, String hash) throws SQLException {
        db.update("INSERT INTO sticky_comments (repository, number, marker, comment_id, content_hash) VALUES (?,?,?,?,?) "
                + "ON CONFLICT (repository, number, marker) DO UPDATE SET comment_id = excluded.comment_id, "
                + "content_hash = excluded.content_hash", repository, number, marker, id, hash);
    }
}
