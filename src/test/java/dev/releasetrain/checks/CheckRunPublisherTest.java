package dev.releasetrain.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.InMemoryGitHub;
import dev.releasetrain.testing.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kohsuke.github.GHCheckRun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One check run per name and commit, however many deliveries publish it and in whatever order they meet. */
class CheckRunPublisherTest {
    private static final String SHA = "a".repeat(40);
    @TempDir
    Path dir;

    private static CheckRunResult run(String conclusion) {
        return new CheckRunResult("Review", SHA, "completed", conclusion, "t", "s");
    }

    private static long count(InMemoryGitHub github, String method) {
        return github.calls.stream().filter(c -> c.startsWith(method + " ")).count();
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aRepeatSendsNothingAndAChangeIsOneUpdate(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            CheckRunPublisher publisher = new CheckRunPublisher(db);
            InMemoryGitHub github = new InMemoryGitHub("o/r");
            publisher.publish(github, run("failure"));
            publisher.publish(github, run("failure"));
            publisher.publish(github, run("success"));
            assertEquals(List.of("createCheckRun Review " + SHA, "updateCheckRun 1000"), github.calls);
        }
    }

    /** A check suite and a pull request event for the same head, handled at once (or by two replicas). */
    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aSecondDeliveryArrivingWhileTheFirstCreatesUpdatesInsteadOfCreatingAgain(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            CheckRunPublisher publisher = new CheckRunPublisher(db);
            InMemoryGitHub github = new InMemoryGitHub("o/r");
            IOException[] second = new IOException[1];
            CheckRuns slowCreate = new Delegating(github) {
                @Override
                public long createCheckRun(ObjectNode body) throws IOException {
                    // the other delivery runs while this create is on its way to GitHub
                    second[0] = assertThrows(IOException.class, () -> publisher.publish(github, run("success")));
                    return super.createCheckRun(body);
                }
            };
            publisher.publish(slowCreate, run("failure"));
            assertEquals("another delivery is creating the check run 'Review' for " + SHA + "; this one updates it when tried again",
                    second[0].getMessage());
            publisher.publish(github, run("success")); // the second delivery's retry
            assertEquals(1, count(github, "createCheckRun"));
            assertEquals(1, count(github, "updateCheckRun"));
            assertEquals("success", github.checkRuns.get(1000L).path("conclusion").asText());
        }
    }

    /** A crash between sending the create and recording its answer: GitHub is asked, and the run it has is updated. */
    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aCreateWhoseAnswerWasLostIsFoundNotSentAgain(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            CheckRunPublisher publisher = new CheckRunPublisher(db);
            InMemoryGitHub github = new InMemoryGitHub("o/r");
            CheckRuns crashesAfterSending = new Delegating(github) {
                @Override
                public long createCheckRun(ObjectNode body) throws IOException {
                    super.createCheckRun(body);
                    throw new IOException("connection reset before the answer");
                }
            };
            assertThrows(IOException.class, () -> publisher.publish(crashesAfterSending, run("failure")));
            publisher.publish(github, run("failure"));
            assertEquals(1, count(github, "createCheckRun"));
            assertEquals(1, count(github, "findCheckRun"));
        }
    }

    /** A replica killed while its create was on the way, which never reached GitHub: its claim goes stale and is taken over. */
    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aClaimLeftByADeadReplicaIsTakenOverOnceStale(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            AtomicLong now = new AtomicLong(1_000_000);
            CheckRunPublisher publisher = new CheckRunPublisher(db, now::get);
            InMemoryGitHub github = new InMemoryGitHub("o/r");
            CheckRuns dies = new Delegating(github) {
                @Override
                public long createCheckRun(ObjectNode body) {
                    throw new IllegalStateException("killed before sending");
                }
            };
            assertThrows(IllegalStateException.class, () -> publisher.publish(dies, run("failure")));
            now.addAndGet(1_000); // a retry while the claim could still be a live attempt's
            assertThrows(IOException.class, () -> publisher.publish(github, run("failure")));
            assertEquals(0, count(github, "createCheckRun"));
            now.addAndGet(CheckRunPublisher.CLAIM_MILLIS);
            publisher.publish(github, run("failure"));
            publisher.publish(github, run("failure"));
            assertEquals(1, count(github, "createCheckRun"));
            assertEquals(1, github.checkRuns.size());
        }
    }

    /** Passes every call through, for a test to step in on one. */
    private static class Delegating implements CheckRuns {
        private final CheckRuns to;

        Delegating(CheckRuns to) {
            this.to = to;
        }

        @Override
        public String repository() {
            return to.repository();
        }

        @Override
        public Optional<Long> findCheckRun(String headSha, String name) throws IOException {
            return to.findCheckRun(headSha, name);
        }

        @Override
        public long createCheckRun(ObjectNode body) throws IOException {
            return to.createCheckRun(body);
        }

        @Override
        public void updateCheckRun(long id, ObjectNode body) throws IOException {
            to.updateCheckRun(id, body);
        }

        @Override
        public List<GHCheckRun> checkRuns(String sha) throws IOException {
            return to.checkRuns(sha);
        }
    }
}
