package dev.releasetrain.migrations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.delivery.FollowUps;

import java.time.Clock;
import java.util.List;

/**
 * Asks the migration status API for a pull request's verdict. While it says "pending", a follow-up delivery waits
 * in the store (not a sleeping thread, so it survives a restart) and asks again; a push to the pull request
 * supersedes the wait for the older head; errors are retried with backoff, then fail the check.
 */
public final class AskMigrationStatusApi {
    private static final int MAX_CONTENT = 256 * 1024;
    private static final int MAX_API_FAILURES = 5;
    private final MigrationStatusApi api;
    private final MigrationConclusions conclusions;
    private final MigrationHeads heads;
    private final FollowUps followUps;
    private final long retryBaseMillis;
    private final Clock clock;

    public AskMigrationStatusApi(MigrationStatusApi api, MigrationConclusions conclusions, MigrationHeads heads, FollowUps followUps,
                                 long retryBaseMillis, Clock clock) {
        this.api = api;
        this.conclusions = conclusions;
        this.heads = heads;
        this.followUps = followUps;
        this.retryBaseMillis = retryBaseMillis;
        this.clock = clock;
    }

    /** What the API is sent: the pull request and its migrations, each cut at 256 K characters (and said so). */
    static ObjectNode request(String repo, long number, String head, String baseRef, List<MigrationFile> files) {
        ObjectNode body = FollowUps.JSON.createObjectNode();
        body.put("repository", repo).put("pull_request", number).put("head_sha", head).put("base_ref", baseRef);
        ArrayNode list = body.putArray("migrations");
        for (MigrationFile f : files) {
            boolean cut = f.content().length() > MAX_CONTENT;
            ObjectNode m = list.addObject().put("path", f.path()).put("status", f.status())
                    .put("content", cut ? f.content().substring(0, MAX_CONTENT) : f.content());
            if (cut) {
                m.put("truncated", true).put("note", "content cut at " + MAX_CONTENT + " characters of " + f.content().length());
            }
        }
        return body;
    }

    /** The first ask about a head. */
    void start(MigrationPoll poll, int files, MigrationsGitHub github) throws Exception {
        conclusions.waiting(github, CheckRunResult.inProgress(CheckMigrations.CHECK, poll.headSha(), "Asking the migration status API",
                files + " migration file(s) sent for a verdict."));
        ask(poll, github);
    }

    /** A follow-up came due: unless a newer push superseded it or time ran out, ask the API again. */
    public void poll(MigrationPoll poll, MigrationsGitHub github) throws Exception {
        String head = poll.headSha();
        if (!heads.latest(github.repository(), poll.number()).map(head::equals).orElse(false)) {
            conclusions.waiting(github, CheckRunResult.completed(CheckMigrations.CHECK, head, "cancelled", "Superseded by a newer push",
                    "The migrations were checked again for the pull request's newer head."));
            return;
        }
        if (clock.millis() - poll.startedAt() > poll.timeoutMillis()) {
            conclusions.conclude(github, CheckRunResult.completed(CheckMigrations.CHECK, head, "timed_out",
                    "The migration status API gave no verdict in time", "It kept answering \"pending\" for longer than "
                            + poll.timeoutMillis() / 60_000 + " minute(s) (`migrations.timeout-minutes`). Re-run the check to ask again."));
            return;
        }
        ask(poll, github);
    }

    private void ask(MigrationPoll poll, MigrationsGitHub github) throws Exception {
        String head = poll.headSha();
        MigrationStatusApi.Answer answer = api.ask(poll.request());
        if (answer instanceof MigrationStatusApi.Decided decided) {
            conclusions.publish(github, head, decided.verdict());
        } else if (answer instanceof MigrationStatusApi.Pending pending) {
            schedule(poll.next(0), pending.retryAfterSeconds() * 1000);
            conclusions.waiting(github, CheckRunResult.inProgress(CheckMigrations.CHECK, head, "Waiting for the migration status API",
                    "It answered pending" + (pending.summary().isEmpty() ? "" : ": " + pending.summary()) + ". Asking again in "
                            + pending.retryAfterSeconds() + " s."));
        } else {
            String why = ((MigrationStatusApi.Unreachable) answer).why();
            int failures = poll.failures() + 1;
            if (failures >= MAX_API_FAILURES) {
                conclusions.conclude(github, CheckRunResult.completed(CheckMigrations.CHECK, head, "failure",
                        "The migration status API could not be reached", "After " + failures + " tries the migration status API "
                                + "gave no answer (" + why + "). The migrations are not known to be safe; re-run the check once it is back."));
                return;
            }
            schedule(poll.next(failures), retryBaseMillis * (1L << failures));
        }
    }

    private void schedule(MigrationPoll poll, long delayMillis) throws Exception {
        followUps.schedule(poll.id(), MigrationPoll.EVENT, poll.payload(), delayMillis);
    }
}
