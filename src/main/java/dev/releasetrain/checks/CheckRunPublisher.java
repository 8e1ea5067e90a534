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

/**
 * Creates or updates a check run, one per name and commit. The id and a hash of what was sent are kept, so a
 * repeat with the same content sends nothing and a change is one PATCH. A create is marked in the store before it
 * is sent: only when that mark is found without an id (a crash or a lost answer came between) is GitHub asked
 * whether the run exists, so the usual create is one call.
 */
public record CheckRunPublisher(Database db) implements CheckPublisher {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        long id;
        Optional<Long> existing = known.isEmpty() ? Optional.empty()
                : known.get().creating() ? github.findCheckRun(run.headSha(), run.name()) : Optional.of(known.get().id());
        if (existing.isPresent()) {
            id = existing.get();
            github.updateCheckRun(id, body);
        } else {
            db.update("INSERT INTO check_runs (repository, head_sha, name, check_run_id, content_hash, creating) VALUES (?,?,?,0,'',1) "
                    + "ON CONFLICT (repository, head_sha, name) DO UPDATE SET creating = 1", repository, run.headSha(), run.name());
            ObjectNode create = body.deepCopy();
            create.put("head_sha", run.headSha());
            id = github.createCheckRun(create);
        }
        remember(repository, run, id, hash);
    }

    /** @param creating a create was sent and its answer not recorded */
    private record Known(long id, String hash, boolean creating) {
    }

    private Optional<Known> known(String repository, CheckRunResult run) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT check_run_id, content_hash, creating FROM check_runs "
                    + "WHERE repository = ? AND head_sha = ? AND name = ?")) {
                q.setString(1, repository);
                q.setString(2, run.headSha());
                q.setString(3, run.name());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new Known(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0)) : Optional.empty();
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
