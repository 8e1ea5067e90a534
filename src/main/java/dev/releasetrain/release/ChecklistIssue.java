package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.store.Database;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The release's checklist issue on GitHub. Its body is edited read-modify-write, so edits of one release are taken
 * one at a time, fleet-wide (commands in different issues, on different replicas, can be about the same release);
 * what would push the body past GitHub's limit moves to one overflow comment.
 */
public final class ChecklistIssue {
    static final String OVERFLOW = "<!-- release-train:checklist-overflow -->";
    private final Database db;

    public ChecklistIssue(Database db) {
        this.db = db;
    }

    /** Runs {@code work} while no other work on the same release runs, in any replica. */
    public <T> T locked(String repo, Version version, Database.Work<T> work) throws Exception {
        return db.exclusively("checklist:" + repo + "@" + version, work);
    }

    /** The release's checklist if one exists, found by its label and the bot's header: an earlier attempt may have made it. */
    public Optional<Long> find(ReleaseGitHub github, Version version, String label) throws IOException {
        for (int page = 1; page <= 10; page++) {
            List<JsonNode> issues = github.issuesLabelled(label, page);
            for (JsonNode i : issues) {
                if (!i.has("pull_request") && Checklist.version(i.path("body").asText("")).filter(version::equals).isPresent()) {
                    return Optional.of(i.path("number").asLong());
                }
            }
            if (issues.size() < 100) {
                break;
            }
        }
        return Optional.empty();
    }

    public long create(ReleaseGitHub github, Version version, String body, String label, String owner) throws IOException {
        github.ensureLabel(label, "0e8a16", "A release's checklist, kept by Release Train");
        Checklist.Fitted fitted = Checklist.fit(body, ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        return github.createIssue("Release " + version, fitted.body(), List.of(label), owner == null ? List.of() : List.of(owner));
    }

    /** Applies {@code change} to the current body; writes only when something changed. */
    public void update(ReleaseGitHub github, long number, UnaryOperator<String> change) throws IOException, SQLException {
        String current = github.issue(number).path("body").asText("");
        Checklist.Fitted fitted = Checklist.fit(change.apply(current), ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        if (!fitted.body().equals(current)) {
            github.updateIssue(number, Map.of("body", fitted.body()));
        }
        if (fitted.overflow().isEmpty()) {
            github.removeComment(number, OVERFLOW);
        } else {
            github.upsertComment(number, OVERFLOW, OVERFLOW + "\nThe parts of the checklist that did not fit in the issue:\n\n"
                    + fitted.overflow());
        }
    }

    public void assign(ReleaseGitHub github, long number, String login) throws IOException {
        github.updateIssue(number, Map.of("assignees", List.of(login)));
    }

    /** Closed as not planned: the release did not happen, and the issue says why. */
    public void close(ReleaseGitHub github, long number) throws IOException {
        github.updateIssue(number, Map.of("state", "closed", "state_reason", "not_planned"));
    }
}
