package dev.releasetrain.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.github.ContentHash;
import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.store.Database;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Creates or updates a check run, one per name and commit. The id and a hash of what was sent are kept, so a
 * repeat with the same content sends nothing and a change is one PATCH. A create is claimed in the store before
 * it is sent: only when a claim is found without an id (another delivery for the commit is creating it, or a crash
 * or lost answer came between) is GitHub asked whether the run exists, so the usual create is one call, and two
 * deliveries for one commit, in one replica or two, never both create.
 */
public record CheckRunPublisher(Database db, LongSupplier millis) implements CheckPublisher {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long a claimed create is the claiming attempt's to finish: beyond a create's longest round trip (a 30 s
     * request timeout and short inline waits for the rate limit). A claim left by a replica that died is taken over
     * by the first retry after it.
     */
    static final long CLAIM_MILLIS = 60_000;

    public CheckRunPublisher(Database db) {
        this(db, System::currentTimeMillis);
    }

    @Override
    public void publish(CheckRuns github, CheckRunResult run) throws IOException, SQLException {
        String repository = github.repository();
        ObjectNode body = JSON.createObjectNode();
        body.put("name", run.name());
        body.put("status", run.status());
        if (run.conclusion() != null) {
            body.put("conclusion", run.conclusion());
        }
        String summary = run.summary().length() > CheckRunResult.MAX_SUMMARY
                ? run.summary().substring(0, CheckRunResult.MAX_SUMMARY - 40) + "\n\n… (cut at GitHub's length limit)" : run.summary();
        ObjectNode output = body.putObject("output").put("title", run.title()).put("summary", summary);
        if (run.detailsUrl() != null) {
            body.put("details_url", run.detailsUrl());
        }
        var notes = output.putArray("annotations");
        // GitHub takes at most 50 annotations per request; the summary carries the full story
        for (CheckRunResult.Annotation a : run.annotations().subList(0, Math.min(50, run.annotations().size()))) {
            notes.addObject().put("path", a.path()).put("start_line", Math.max(1, a.line())).put("end_line", Math.max(1, a.line()))
                    .put("annotation_level", a.level()).put("message", a.message());
        }
        String hash = ContentHash.of(body.toString());
        Optional<Known> known = known(repository, run);
        if (known.isPresent() && !known.get().creating() && known.get().hash().equals(hash)) {
            return;
        }
        long now = millis.getAsLong();
        Optional<Long> existing = known.isPresent() && !known.get().creating() ? Optional.of(known.get().id())
                : known.isEmpty() && claimNew(repository, run, now) ? Optional.empty()
                : createdElsewhere(github, repository, run, now, known);
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            github.updateCheckRun(id, body);
        } else {
            ObjectNode create = body.deepCopy();
            create.put("head_sha", run.headSha());
            try {
                id = github.createCheckRun(create);
            } catch (IOException unanswered) { // GitHub may have made it: whoever comes next asks before creating
                db.update("UPDATE check_runs SET create_claimed_at = 0 WHERE repository = ? AND head_sha = ? AND name = ?",
                        repository, run.headSha(), run.name());
                throw unanswered;
            }
        }
        remember(repository, run, id, hash);
    }

    /**
     * Claims the create of a run this store has never seen; false when another delivery for the same commit (a check
     * suite beside a pull request event, or another replica) claimed it first.
     */
    private boolean claimNew(String repository, CheckRunResult run, long now) throws SQLException {
        return db.update("INSERT INTO check_runs (repository, head_sha, name, check_run_id, content_hash, creating, create_claimed_at) "
                + "VALUES (?,?,?,0,'',1,?) ON CONFLICT (repository, head_sha, name) DO NOTHING",
                repository, run.headSha(), run.name(), now) == 1;
    }

    /**
     * The run when another attempt made it (recorded here, or on GitHub with its answer lost); empty when this
     * attempt has taken over the create. While another live attempt's create may still be on its way, this one
     * fails, to be retried: it must not send a second create.
     */
    private Optional<Long> createdElsewhere(CheckRuns github, String repository, CheckRunResult run, long now, Optional<Known> known)
            throws IOException, SQLException {
        Optional<Known> seen = known.isPresent() ? known : known(repository, run); // empty: another claimed it since the first read
        if (seen.isPresent() && !seen.get().creating()) {
            return Optional.of(seen.get().id());
        }
        Optional<Long> found = github.findCheckRun(run.headSha(), run.name());
        if (found.isPresent()) {
            return found;
        }
        long claimedAt = seen.map(Known::claimedAt).orElse(0L);
        boolean claimedByALiveAttempt = claimedAt != 0 && now - claimedAt < CLAIM_MILLIS;
        if (!claimedByALiveAttempt && db.update("UPDATE check_runs SET create_claimed_at = ? WHERE repository = ? AND head_sha = ? "
                + "AND name = ? AND creating = 1 AND create_claimed_at = ?", now, repository, run.headSha(), run.name(), claimedAt) == 1) {
            return Optional.empty();
        }
        throw new IOException("another delivery is creating the check run '" + run.name() + "' for " + run.headSha()
                + "; this one updates it when tried again");
    }

    /**
     * @param creating  a create was claimed and its answer not recorded
     * @param claimedAt when the attempt sending it claimed it; 0 once that attempt ended without an answer
     */
    private record Known(long id, String hash, boolean creating, long claimedAt) {
    }

    private Optional<Known> known(String repository, CheckRunResult run) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT check_run_id, content_hash, creating, create_claimed_at FROM check_runs "
                    + "WHERE repository = ? AND head_sha = ? AND name = ?")) {
                q.setString(1, repository);
                q.setString(2, run.headSha());
                q.setString(3, run.name());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new Known(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0, rs.getLong(4))) : Optional.empty();
                }
            }
        });
    }

    private void remember(String repository, CheckRunResult run, long id, String hash) throws SQLException {
        db.update("INSERT INTO check_runs (repository, head_sha, name, check_run_id, content_hash, creating) VALUES (?,?,?,?,?,0) "
                + "ON CONFLICT (repository, head_sha, name) DO UPDATE SET check_run_id = excluded.check_run_id, "
                + "content_hash = excluded.content_hash, creating = 0", repository, run.headSha(), run.name(), id, hash);
    }
}
