package dev.releasetrain.release;

import dev.releasetrain.config.ConfigException;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import dev.releasetrain.testing.Stores;
import dev.releasetrain.notes.SqlReleaseNotesStore;
import dev.releasetrain.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The release owner's handlers without the server: (comment or calendar day, config, repository, permissions) → replies and writes. */
class ReleaseHandlersTest {
    private static final String REPO = "o/r";
    private static final String MAIN_HEAD = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    /** Freeze day of the November 2026 train (the release is on Monday 30 November). */
    private static final Clock FREEZE = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    private final InMemoryGitHub github = new InMemoryGitHub(REPO);
    /** The release's records and ledger in a real store: the ledger is a view over what the capabilities record. */
    private Database db;
    private SqlReleaseRecords releases;
    private final InMemory.ScheduledFollowUps followUps = new InMemory.ScheduledFollowUps();

    private ReleaseDependencies deps(Clock clock) {
        return new ReleaseDependencies(releases, new ChecklistIssue(new InMemory.ProcessLocks()), new SqlReleaseNotesStore(db),
                new SqlReleaseLedger(db, clock),
                new InMemory.Audit(), new InMemory.Heads(), clock, "https://github.com", 3);
    }

    @BeforeEach
    void open(@TempDir Path dir) throws Exception {
        db = Database.open(Stores.freshUrl(Stores.Kind.SQLITE, dir));
        releases = new SqlReleaseRecords(db);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private void repository() {
        github.refs.put("heads/main", MAIN_HEAD);
        github.refs.put("tags/1.29.0", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        github.refs.put("tags/1.28.4", "cccccccccccccccccccccccccccccccccccccccc");
        github.writers.add("owner");
        github.issues.put(1L, github.pullRequest(1, "owner", "x").deepCopy().put("body", "a plain issue"));
        github.pulls.remove(1L);
    }

    /** The owner's comment 42 on issue 1, on freeze day, with this config. */
    private void ownerComments(String text, String config) throws Exception {
        new RunReleaseCommand(deps(FREEZE)).run(new RunReleaseCommand.Comment(1, "a plain issue", 42, text, "owner", 1),
                new ConfigResult.Valid(Config.of(config)), ReleaseGitHub.of(github.clients()), "main");
    }

    private String reply(long commentId) {
        return github.comment(1, "<!-- release-train:release-reply " + commentId + " -->").orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                        | comment                                  | actor  | config  | reply contains                                       | reaction
            "help, for anyone                              | /release help                            | reader |         | `/release start [X.Y.Z]`                             | rocket",
            "start by a writer cuts and opens the checklist| /release start 1.30.0                    | owner  |         | Cut `release-1.30.0`                                 | rocket",
            "start by someone who cannot write             | /release start 1.30.0                    | reader |         | needs write permission on o/r                        | confused",
            "a version not above the latest tag            | /release start 1.29.0                    | owner  |         | is not greater than the latest tag, 1.29.0           | confused",
            "a patch is cut from its line's latest tag     | /release start 1.29.1                    | owner  |         | Cut `release-1.29.1` at [`bbbbbbb`]                  | rocket",
            "a patch of a line never tagged                | /release start 1.31.1                    | owner  |         | 1.31.1 is a patch of 1.31, which has no tag to cut it from | confused",
            "a patch not above its line's latest tag       | /release start 1.28.3                    | owner  |         | 1.28.3 is not greater than 1.28.4, the latest tag of its line: the next patch is 1.28.5 | confused",
            "tag with no release in progress               | /release tag                             | owner  |         | No release is in progress here                       | confused",
            "a command the bot does not know               | /release ship                            | owner  |         | ❓                                                   | confused",
            "a config that cannot be used                  | /release start 1.30.0                    | owner  | BROKEN  | is invalid, so no release command can run            | confused",
            "a manager-only repository, a writer who is not one | /release start 1.30.0               | owner  | 'release: {managers: [carol]}' | is for the release managers (release managers: @carol) | confused",
    })
    void aCommand(String name, String comment, String actor, String config, String reply, String reaction) throws Exception {
        repository();
        ConfigResult result = "BROKEN".equals(config) ? new ConfigResult.Invalid(new ConfigException("release", 3, "not a list"))
                : new ConfigResult.Valid(Config.of(config));
        new RunReleaseCommand(deps(FREEZE)).run(new RunReleaseCommand.Comment(1, "a plain issue", 42, comment, actor, 1), result,
                ReleaseGitHub.of(github.clients()), "main");
        assertTrue(reply(42).contains("> " + comment), name + ": the reply quotes the command");
        assertTrue(reply(42).contains(reply), name + ": " + reply(42));
        assertEquals(List.of("react 42 eyes", "react 42 " + reaction), github.writes().stream().filter(w -> w.startsWith("react")).toList(), name);
    }

    @Test
    void startCutsTheBranchRecordsTheReleaseAndOpensItsChecklistOnce() throws Exception {
        repository();
        RunReleaseCommand commands = new RunReleaseCommand(deps(FREEZE));
        RepoSettings settings = Config.of("release: {owners: [owner]}");
        for (long id : List.of(42L, 43L)) { // the second is a repeat: nothing new is made
            commands.run(new RunReleaseCommand.Comment(1, "a plain issue", id, "/release start", "owner", 1), new ConfigResult.Valid(settings),
                    ReleaseGitHub.of(github.clients()), "main");
        }
        assertEquals(MAIN_HEAD, github.refs.get("heads/release-1.30.0"), "cut from the default branch's head");
        Release started = releases.find(REPO, Version.parse("1.30.0").orElseThrow()).orElseThrow();
        assertEquals(Optional.of("1.29.0"), started.previousTag());
        assertEquals(FREEZE.millis(), started.startedAt());
        assertEquals(1, github.writes().stream().filter(w -> w.startsWith("createIssue")).count(), "one checklist");
        assertEquals(1, github.writes().stream().filter(w -> w.startsWith("createRef refs/heads/release-1.30.0")).count(), "one cut");
        assertTrue(github.issues.get(started.issueNumber()).path("body").asText().contains("release-1.30.0"));
        assertTrue(reply(43).contains("was already cut"), reply(43));
        assertEquals(1, github.writes().stream().filter(w -> w.equals("ensureLabel release-1.30.0")).count(), "the pick label, made once");
    }

    @Test
    void aPatchShipsItsLinesTagNotTheDefaultBranch() throws Exception {
        repository();
        github.refs.put("tags/1.30.0", MAIN_HEAD);
        ownerComments("/release start 1.29.1", "");
        assertEquals("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", github.refs.get("heads/release-1.29.1"), "from 1.29.0, not main");
        assertEquals(Optional.of("1.29.0"), releases.find(REPO, Version.parse("1.29.1").orElseThrow()).orElseThrow().previousTag(),
                "its changes start at that tag");
        assertTrue(reply(42).contains("from the tag 1.29.0"), reply(42));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                     | cherry-pick config                                               | label made
            "the default pattern takes the branch's name|                                                                  | release-1.30.0",
            "a pattern of bare versions                 | 'cherry-pick: {label-pattern: ''(\\d+\\.\\d+\\.\\d+)'', target-branch: ''release-$1''}' | 1.30.0",
            "a pattern of v-versions                    | 'cherry-pick: {label-pattern: ''v(.+)'', target-branch: ''release-$1''}' | v1.30.0",
            "a pattern none of those names fit          | 'cherry-pick: {label-pattern: ''pick/(.+)'', target-branch: ''release-$1''}' |",
            "picks turned off                           | 'cherry-pick: {enabled: false}'                                  |",
    })
    void startMakesTheLabelThatPicksIntoTheRelease(String name, String config, String label) throws Exception {
        repository();
        ownerComments("/release start 1.30.0", config);
        assertEquals(label == null ? List.of() : List.of("ensureLabel " + label),
                github.writes().stream().filter(w -> w.startsWith("ensureLabel") && !w.endsWith(" release")).toList(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                           | today (UTC)          | config                                  | follow-ups scheduled (id suffix:delay hours)
            "a week before the freeze: reminder and freeze    | 2026-11-18T09:00:00Z |                                         | 2026-11:reminder:120 2026-11:freeze:168",
            "on freeze day itself, after nine: due at once    | 2026-11-25T10:00:00Z |                                         | 2026-11:freeze:-1",
            "the day after the freeze: next month's train     | 2026-11-26T09:00:00Z |                                         | 2026-12:reminder:600 2026-12:freeze:648",
            "another time zone moves the freeze's hour        | 2026-11-18T09:00:00Z | 'release: {timezone: America/New_York}' | 2026-11:reminder:125 2026-11:freeze:173",
    })
    void theCalendarSchedulesTheNextTrain(String name, String today, String config, String expected) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(today), ZoneOffset.UTC);
        new FollowReleaseCalendar(deps(clock), followUps).scheduleUpcoming(1, REPO, Config.of(config).release());
        assertEquals(List.of(expected.split(" ")), followUps.scheduled.values().stream().map(s -> s.id().substring(("release-calendar:" + REPO + ":").length())
                + ":" + Duration.ofMillis(s.delayMillis()).toHours()).toList(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | day      | config                                  | started after | reminder
            "freeze day with auto-start: the release starts | freeze   | 'release: {auto-start: true, owners: [owner]}' | true   | false",
            "freeze day without auto-start: nothing starts  | freeze   |                                         | false         | false",
            "reminder day without auto-start: a reminder    | reminder |                                         | false         | true",
    })
    void aCalendarDay(String name, String kind, String config, boolean started, boolean reminder) throws Exception {
        repository();
        releases.save(new Release(REPO, Version.parse("1.29.0").orElseThrow(), 1L, "owner", false, Optional.empty(), "c", 0, "release-1.29.0"));
        Clock clock = kind.equals("freeze") ? FREEZE : Clock.offset(FREEZE, Duration.ofDays(-2));
        new FollowReleaseCalendar(deps(clock), followUps).run(new CalendarDay(kind, YearMonth.of(2026, 11), 1, REPO), Config.of(config),
                ReleaseGitHub.of(github.clients()));
        assertEquals(started, releases.find(REPO, Version.parse("1.30.0").orElseThrow()).isPresent(), name);
        assertEquals(reminder, github.comment(1, "<!-- release-train:reminder 2026-11 -->").isPresent(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                      | sync pull request | box ticked | ledger
            "the sync pull request is open               | open              | true       | sync open",
            "it merged                                   | merged            | true       | sync merged",
            "it was closed without merging: not synced   | closed            | false      | sync closed",
            "there is none                               |                   | false      |",
    })
    void statusTicksTheSyncOnlyWhileItsPullRequestStands(String name, String sync, boolean ticked, String ledger) throws Exception {
        repository();
        RunReleaseCommand commands = new RunReleaseCommand(deps(FREEZE));
        commands.run(new RunReleaseCommand.Comment(1, "a plain issue", 42, "/release start", "owner", 1), new ConfigResult.Valid(Config.of(null)),
                ReleaseGitHub.of(github.clients()), "main");
        if (sync != null) {
            var pr = github.pullRequest(60, "release-train[bot]", "s".repeat(40));
            pr.with("head").put("ref", "sync-1.30.0");
            if (!sync.equals("open")) {
                pr.put("state", "closed").put("merged", sync.equals("merged")).put("merged_at", sync.equals("merged") ? "2026-11-26T10:00:00Z" : null);
            }
        }
        commands.run(new RunReleaseCommand.Comment(1, "a plain issue", 43, "/release status", "owner", 1), new ConfigResult.Valid(Config.of(null)),
                ReleaseGitHub.of(github.clients()), "main");
        Release started = releases.find(REPO, Version.parse("1.30.0").orElseThrow()).orElseThrow();
        String body = github.issues.get(started.issueNumber()).path("body").asText();
        assertTrue(body.contains((ticked ? "- [x] " : "- [ ] ") + "Bring the version bump back"), name + ": " + body);
        assertEquals(ledger == null ? List.of() : List.of(ledger), new SqlReleaseLedger(db, FREEZE).of(REPO, started.version()).stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.SYNC).map(e -> "sync " + e.state()).toList(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                           | pushed ref                    | release in progress | follow-ups
            "a merge while a release is in progress           |                               | true                | 1",
            "a push to the release branch                     | refs/heads/release-1.30.0     | true                | 1",
            "a push to another branch                         | refs/heads/feature            | true                | 0",
            "no release in progress                           |                               | false               | 0",
    })
    void theChecklistIsRefreshedOnceABurstHasPassed(String name, String pushed, boolean inProgress, int scheduled) throws Exception {
        if (inProgress) {
            releases.save(new Release(REPO, Version.parse("1.30.0").orElseThrow(), 5L, "owner", false, Optional.of("1.29.0"), "c", 0, "release-1.30.0"));
        }
        KeepChecklistCurrent keep = new KeepChecklistCurrent(deps(FREEZE), followUps);
        for (int i = 0; i < 3; i++) { // a burst of events gathers into one refresh
            keep.changed(1, REPO, Optional.ofNullable(pushed), Config.of(null));
        }
        assertEquals(scheduled, followUps.scheduled.size(), name);
        followUps.scheduled.values().forEach(f -> assertEquals(KeepChecklistCurrent.GATHER_MILLIS, f.delayMillis(), name));
    }
}
