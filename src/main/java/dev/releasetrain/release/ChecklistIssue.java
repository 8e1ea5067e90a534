package dev.releasetrain.release;

import dev.releasetrain.store.Locks;
import org.kohsuke.github.GHIssue;

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
    private final Locks locks;

    public ChecklistIssue(Locks locks) {
        this.locks = locks;
    }

    /** Runs {@code work} while no other work on the same release runs, in any replica. */
    public <T> T locked(String repo, Version version, Locks.Work<T> work) throws Exception {
        return locks.exclusively("checklist:" + repo + "@" + version, work);
    }

    /** The release's checklist if one exists, found by its label and the bot's header: an earlier attempt may have made it. */
    public Optional<Long> find(ReleaseGitHub github, Version version, String label) throws IOException {
        for (int page = 1; page <= 10; page++) {
            List<GHIssue> issues = github.issues().issuesLabelled(label, page);
            for (GHIssue i : issues) {
                if (!i.isPullRequest() && Checklist.version(i.getBody() == null ? "" : i.getBody()).filter(version::equals).isPresent()) {
                    return Optional.of((long) i.getNumber());
                }
            }
            if (issues.size() < 100) {
                break;
            }
        }
        return Optional.empty();
    }

    public long create(ReleaseGitHub github, Version version, String body, String label, String owner) throws IOException {
        github.labels().ensureLabel(label, "0e8a16", "A release's checklist, kept by Release Train");
        Checklist.Fitted fitted = Checklist.fit(body, ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        return github.issues().createIssue("Release " + version, fitted.body(), List.of(label), owner == null ? List.of() : List.of(owner));
    }

    /** Applies {@code change} to the current body; writes only when something changed. */
    public void update(ReleaseGitHub github, long number, UnaryOperator<String> change) throws IOException, SQLException {
        String body = github.issues().issue(number).getBody();
        String current = body == null ? "" : body;
        Checklist.Fitted fitted = Checklist.fit(change.apply(current), ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        if (!fitted.body().equals(current)) {
            github.issues().updateIssue(number, Map.of("body", fitted.body()));
        }
        if (fitted.overflow().isEmpty()) {
            github.comments().removeComment(number, OVERFLOW);
        } else {
            github.comments().upsertComment(number, OVERFLOW, OVERFLOW + "\nThe parts of the checklist that did not fit in the issue:\n\n"
                    + fitted.overflow());
        }
    }

    public void assign(ReleaseGitHub github, long number, String login) throws IOException {
        github.issues().updateIssue(number, Map.of("assignees", List.of(login)));
    }

    /** Closed as not planned: the release did not happen, and the issue says why. */
    public void close(ReleaseGitHub github, long number) throws IOException {
        github.issues().updateIssue(number, Map.of("state", "closed", "state_reason", "not_planned"));
    }
}
