package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.IssueLabels;
import dev.releasetrain.github.Paths;
import dev.releasetrain.github.StickyComments;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The release's checklist issue on GitHub. Its body is edited read-modify-write, so edits of one release are taken
 * one at a time (commands in different issues can be about the same release); what would push the body past
 * GitHub's limit moves to one overflow comment.
 */
public final class ChecklistIssue {
    static final String OVERFLOW = "<!-- release-train:checklist-overflow -->";
    private final StickyComments comments;
    private final IssueLabels labels;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ChecklistIssue(StickyComments comments, IssueLabels labels) {
        this.comments = comments;
        this.labels = labels;
    }

    /** Work that reads and writes GitHub and the store. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    /** Runs {@code work} while no other work on the same release runs. */
    public <T> T locked(String repo, Version version, Work<T> work) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(repo + "@" + version, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /** The release's checklist if one exists, found by its label and the bot's header: an earlier attempt may have made it. */
    public Optional<Long> find(GitHubRest rest, String repo, Version version, String label) throws IOException {
        for (int page = 1; page <= 10; page++) {
            JsonNode issues = rest.get("/repos/" + repo + "/issues?state=all&per_page=100&page=" + page + "&labels=" + Paths.segment(label));
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

    public long create(GitHubRest rest, String repo, Version version, String body, String label, String owner) throws IOException {
        labels.ensureExists(rest, repo, label, "0e8a16", "A release's checklist, kept by Release Train");
        Checklist.Fitted fitted = Checklist.fit(body, ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        return rest.expect("POST", "/repos/" + repo + "/issues", Map.of("title", "Release " + version, "body", fitted.body(),
                "labels", List.of(label), "assignees", owner == null ? List.of() : List.of(owner))).path("number").asLong();
    }

    /** Applies {@code change} to the current body; writes only when something changed. */
    public void update(GitHubRest rest, String repo, long number, UnaryOperator<String> change) throws IOException, SQLException {
        String current = issue(rest, repo, number).path("body").asText("");
        Checklist.Fitted fitted = Checklist.fit(change.apply(current), ChecklistSections.MOVABLE, Checklist.MAX_BODY);
        if (!fitted.body().equals(current)) {
            rest.expect("PATCH", "/repos/" + repo + "/issues/" + number, Map.of("body", fitted.body()));
        }
        if (fitted.overflow().isEmpty()) {
            comments.remove(rest, repo, number, OVERFLOW);
        } else {
            comments.upsert(rest, repo, number, OVERFLOW, OVERFLOW + "\nThe parts of the checklist that did not fit in the issue:\n\n"
                    + fitted.overflow());
        }
    }

    private JsonNode issue(GitHubRest rest, String repo, long number) throws IOException {
        return rest.get("/repos/" + repo + "/issues/" + number);
    }

    public void assign(GitHubRest rest, String repo, long number, String login) throws IOException {
        rest.expect("PATCH", "/repos/" + repo + "/issues/" + number, Map.of("assignees", List.of(login)));
    }

    /** Closed as not planned: the release did not happen, and the issue says why. */
    public void close(GitHubRest rest, String repo, long number) throws IOException {
        rest.expect("PATCH", "/repos/" + repo + "/issues/" + number, Map.of("state", "closed", "state_reason", "not_planned"));
    }
}
