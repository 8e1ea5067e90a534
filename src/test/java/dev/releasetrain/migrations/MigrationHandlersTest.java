package dev.releasetrain.migrations;

import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.MigrationSettings;
import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migrations check's core without the server: (files, their text, labels, the status API's answers) → check and follow-ups. */
class MigrationHandlersTest {
    private static final String REPO = "o/r";
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private final InMemoryGitHub github = new InMemoryGitHub(REPO);
    private final InMemory.Checks checks = new InMemory.Checks();
    private final InMemory.Heads heads = new InMemory.Heads();
    private final InMemory.ScheduledFollowUps followUps = new InMemory.ScheduledFollowUps();
    private final MigrationConclusions conclusions = new MigrationConclusions(checks, heads);

    /** files: path[=text], where a path without a text is one GitHub cannot find at the head, and path=BIG one over 1 MB. */
    private void pullRequest(String files, String labels) {
        github.pullRequest(7, "alice", "head7");
        if (labels != null) {
            github.labelled(7, labels.split(" "));
        }
        List<ChangedFile> changed = new ArrayList<>();
        for (String f : files.split(" ")) {
            String path = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
            changed.add(new ChangedFile(path, null, "added", 1, 0));
            if (f.endsWith("=BIG")) {
                github.tooLarge.put(path + "@head7", 40L * 1024 * 1024);
            } else if (f.contains("=")) {
                github.texts.put(path + "@head7", f.substring(f.indexOf('=') + 1).replace('_', ' ') + ";");
            }
        }
        github.files.put(7L, changed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | files (path=SQL, _ for a space)                            | labels             | conclusion | title starts
            "no migration among the files                   | app.py=x                                                   |                    | success    | No migrations",
            "an added column                                | db/1.sql=ALTER_TABLE_t_ADD_COLUMN_c_int                    |                    | success    | 1 migration backwards compatible",
            "a dropped column                               | db/1.sql=ALTER_TABLE_t_DROP_COLUMN_c                       |                    | failure    | 1 problem that breaks",
            "a dropped column in a contract migration       | db/1.sql=ALTER_TABLE_t_DROP_COLUMN_c                       | contract-migration | success    | 1 migration backwards compatible, 1 warning",
            "a contract migration that changes code too     | db/1.sql=ALTER_TABLE_t_DROP_COLUMN_c app.py=x              | contract-migration | failure    | 1 problem that breaks",
            "a migration GitHub cannot find at the head     | db/1.sql                                                   |                    | failure    | 1 migration file(s) could not be read",
            "a 40 MB migration: too large to check, unread  | db/1.sql=BIG                                               |                    | failure    | 1 migration file(s) could not be read",
    })
    void theBuiltInChecker(String name, String files, String labels, String conclusion, String title) throws Exception {
        pullRequest(files, labels);
        MigrationSettings settings = Config.of(null).migrations();
        new CheckMigrations(conclusions, heads, Optional.empty(), Clock.systemUTC()).check(github.typed(7), settings, MigrationsGitHub.of(github.clients()), 1);
        CheckRunResult run = checks.last(CheckMigrations.CHECK);
        assertEquals(conclusion, run.conclusion(), name);
        assertTrue(run.title().startsWith(title), name + ": " + run.title());
        assertEquals(Optional.of("head7"), heads.latest(REPO, 7), name);
        assertEquals(conclusion.equals("success") ? List.of() : List.of(7L), List.copyOf(heads.notSafe(REPO).keySet()), name + ": a release sees it");
        if (files.endsWith("=BIG")) {
            assertTrue(run.summary().contains("too large to check: 40960 KB"), run.summary());
        }
    }

    @org.junit.jupiter.api.Test
    void moreMigrationFilesThanACheckReadsFailClosedUnread() throws Exception {
        pullRequest(java.util.stream.IntStream.range(0, 101).mapToObj(i -> "db/" + i + ".sql=SELECT_1").collect(java.util.stream.Collectors.joining(" ")),
                null);
        new CheckMigrations(conclusions, heads, Optional.empty(), Clock.systemUTC()).check(github.typed(7), Config.of(null).migrations(),
                MigrationsGitHub.of(github.clients()), 1);
        CheckRunResult run = checks.last(CheckMigrations.CHECK);
        assertEquals("failure", run.conclusion());
        assertEquals("101 migration files: more than the 100 a check reads", run.title());
        assertEquals(List.of("changedFiles #7"), github.calls, "the listing, and not one file read");
    }

    /** The status API answers, in order; each row runs the first ask, then every follow-up it schedules. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                   | answers                                | conclusion | follow-ups | last delay (ms)
            "decided at once                          | success                                | success    | 0          | 0",
            "pending, then decided                    | pending:5 failure                      | failure    | 1          | 5000",
            "unreachable five times: the check fails  | down down down down down               | failure    | 4          | 16000",
            "unreachable, then decided                | down success                           | success    | 1          | 2000",
    })
    void theStatusApi(String name, String answers, String conclusion, int followUpsScheduled, long lastDelay) throws Exception {
        pullRequest("db/1.sql=ALTER_TABLE_t_ADD_COLUMN_c_int", null);
        List<MigrationStatusApi.Answer> queue = new ArrayList<>();
        for (String a : answers.split(" ")) {
            queue.add(a.startsWith("pending") ? new MigrationStatusApi.Pending(Long.parseLong(a.split(":")[1]), "")
                    : a.equals("down") ? new MigrationStatusApi.Unreachable("connection refused")
                    : new MigrationStatusApi.Decided(new MigrationVerdict(a, "the API says " + a, null, List.of())));
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AskMigrationStatusApi api = new AskMigrationStatusApi(request -> queue.remove(0), conclusions, heads, followUps, 1000, clock);
        MigrationsGitHub gh = MigrationsGitHub.of(github.clients());
        new CheckMigrations(conclusions, heads, Optional.of(api), clock).check(github.typed(7), Config.of(null).migrations(), gh, 1);
        for (int i = 0; i < followUps.scheduled.size(); i++) { // each follow-up, as its delivery would run it
            api.poll(MigrationPoll.read(new dev.releasetrain.delivery.WebhookEvent("f" + i, MigrationPoll.EVENT, "poll", 1L, REPO,
                    new ArrayList<>(followUps.scheduled.values()).get(i).payload(), 1)), gh);
        }
        assertEquals(conclusion, checks.last(CheckMigrations.CHECK).conclusion(), name);
        assertEquals(followUpsScheduled, followUps.scheduled.size(), name);
        assertEquals(lastDelay, followUps.scheduled.isEmpty() ? 0 : new ArrayList<>(followUps.scheduled.values()).get(followUps.scheduled.size() - 1).delayMillis(), name);
        assertTrue(queue.isEmpty(), name + ": every answer was asked for");
    }

    @Test
    void aWaitSupersededByANewerPushOrTimedOut() throws Exception {
        pullRequest("db/1.sql=ALTER_TABLE_t_ADD_COLUMN_c_int", null);
        MigrationsGitHub gh = MigrationsGitHub.of(github.clients());
        Clock start = Clock.fixed(NOW, ZoneOffset.UTC);
        AskMigrationStatusApi api = new AskMigrationStatusApi(request -> new MigrationStatusApi.Pending(30, "still thinking"), conclusions, heads,
                followUps, 1000, start);
        new CheckMigrations(conclusions, heads, Optional.of(api), start).check(github.typed(7), Config.of(null).migrations(), gh, 1);
        MigrationPoll poll = MigrationPoll.read(new dev.releasetrain.delivery.WebhookEvent("f", MigrationPoll.EVENT, "poll", 1L, REPO,
                followUps.scheduled.values().iterator().next().payload(), 1));

        Clock later = Clock.offset(start, Duration.ofMinutes(31)); // past migrations.timeout-minutes (30)
        new AskMigrationStatusApi(request -> new MigrationStatusApi.Pending(30, ""), conclusions, heads, followUps, 1000, later).poll(poll, gh);
        assertEquals("timed_out", checks.last(CheckMigrations.CHECK).conclusion());

        heads.record(REPO, 7, "newer-head");
        api.poll(poll, gh);
        assertEquals("cancelled", checks.last(CheckMigrations.CHECK).conclusion(), "a newer push superseded the wait");
    }
}
