package dev.releasetrain.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.delivery.Subscription;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monthly train on the calendar. Each repository gets two follow-up deliveries per month, stored like webhooks
 * and so surviving restarts: on freeze day (09:00 in {@code release.timezone}) the next release starts itself when
 * {@code release.auto-start} is on, with the next owner of {@code release.owners}; otherwise, two days before, the
 * last release's checklist gets a reminder. Their ids are the repository, month and kind, so a month's work is
 * scheduled once and runs once. Pushes to the default branch (and installing the app) keep the calendar going.
 */
public final class FollowReleaseCalendar {
    public static final String EVENT = "release_train.calendar";
    static final String FREEZE = "freeze";
    static final String REMINDER = "reminder";
    private static final Logger log = LoggerFactory.getLogger(FollowReleaseCalendar.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private final ReleaseDependencies deps;
    private final FollowUps followUps;
    /** Follow-ups this run has stored already. */
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Per repository, the freeze this run has scheduled: until it passes, a push costs neither a config read nor a write. */
    private final Map<String, LocalDate> upcoming = new ConcurrentHashMap<>();

    public FollowReleaseCalendar(ReleaseDependencies deps, FollowUps followUps) {
        this.deps = deps;
        this.followUps = followUps;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("release-calendar", List.of(
                Subscription.own(EVENT, Set.of(), CalendarDay.class, CalendarDay::read,
                        (day, ctx) -> ctx.withSettings(s -> run(day, s, ReleaseGitHub.of(ctx.github())))),
                Subscription.on(GHEventPayload.Push.class, Set.of(),
                        e -> e.getRef().equals("refs/heads/" + e.getRepository().getDefaultBranch()), (e, ctx) -> scheduleUpcoming(ctx)),
                Subscription.on(GHEventPayload.Installation.class, Set.of("created"), (e, ctx) -> {
                    for (GHEventPayload.Installation.Repository r : e.getRawRepositories()) {
                        scheduleUpcoming(ctx.forRepository(r.getFullName()));
                    }
                }),
                Subscription.on(GHEventPayload.InstallationRepositories.class, Set.of("added"), (e, ctx) -> {
                    for (GHRepository r : e.getRepositoriesAdded()) {
                        scheduleUpcoming(ctx.forRepository(r.getFullName()));
                    }
                })));
    }

    private LocalDate today(ReleaseSettings s) {
        return LocalDate.now(deps.clock().withZone(s.zone()));
    }

    private void scheduleUpcoming(EventContext ctx) throws Exception {
        LocalDate known = upcoming.get(ctx.repository());
        if (known != null && !LocalDate.now(deps.clock()).isAfter(known)) {
            return;
        }
        ctx.withSettings(s -> scheduleUpcoming(ctx.installationId(), ctx.repository(), s.release()));
    }

    /** The first train whose freeze is today or later. */
    public void scheduleUpcoming(long installation, String repo, ReleaseSettings s) throws Exception {
        LocalDate today = today(s);
        ReleaseCalendar calendar = ReleaseCalendar.of(s);
        ReleaseCalendar.Train train = calendar.train(YearMonth.from(today));
        if (train.freeze().isBefore(today)) {
            train = calendar.train(train.month().plusMonths(1));
        }
        schedule(installation, repo, s, train);
    }

    private void schedule(long installation, String repo, ReleaseSettings s, ReleaseCalendar.Train train) throws Exception {
        LocalDate today = today(s);
        if (today.isBefore(train.freeze())) { // a reminder whose day has passed still comes before the freeze
            store(installation, repo, train.month(), REMINDER, at(s, train.freeze().minusDays(2)));
        }
        store(installation, repo, train.month(), FREEZE, at(s, train.freeze()));
        upcoming.merge(repo, train.freeze(), (a, b) -> a.isAfter(b) ? a : b);
    }

    private long at(ReleaseSettings s, LocalDate day) {
        return day.atTime(LocalTime.of(9, 0)).atZone(s.zone()).toInstant().toEpochMilli();
    }

    private static String id(String repo, YearMonth month, String kind) {
        return "release-calendar:" + repo + ":" + month + ":" + kind;
    }

    private void store(long installation, String repo, YearMonth month, String kind, long due) throws Exception {
        String id = id(repo, month, kind);
        if (scheduled.contains(id)) {
            return;
        }
        ObjectNode p = FollowUps.payload(kind, installation, repo).put("month", month.toString());
        followUps.schedule(id, EVENT, p, due - deps.clock().millis());
        scheduled.add(id);
    }

    /** A calendar day came: on freeze day the release starts itself (with auto-start); before it, a reminder. */
    public void run(CalendarDay day, RepoSettings repoSettings, ReleaseGitHub github) throws Exception {
        String repo = day.repository();
        ReleaseContext ctx = new ReleaseContext(deps, github, repoSettings, null, null);
        ReleaseSettings s = ctx.settings();
        ReleaseCalendar.Train train = ctx.calendar().train(day.month());
        LocalDate today = today(s);
        List<Release> releases = deps.records().all(repo);
        boolean started = releases.stream().anyMatch(r -> !r.cancelled() && ReleaseFacts.train(s, r.startedAt()).equals(train));
        if (day.kind().equals(FREEZE)) {
            if (s.autoStart() && !started && !today.isAfter(train.release())) {
                ReleaseContext.Outcome o = StartRelease.run(ctx, Optional.empty(), nextOwner(s, releases));
                log.info("freeze day for {}: {}", repo, o.message());
            }
            schedule(day.installation(), repo, s, ctx.calendar().train(train.month().plusMonths(1)));
        } else if (!s.autoStart() && !started && today.isBefore(train.freeze())) {
            Optional<Release> last = releases.stream().filter(r -> r.issueNumber() != null).findFirst();
            if (last.isPresent()) {
                String marker = "<!-- release-train:reminder " + train.month() + " -->";
                Optional<Version> next = StartRelease.nextVersion(github.git().tags());
                String owner = nextOwner(s, releases);
                github.comments().upsertComment(last.get().issueNumber(), marker, marker + "\nReminder: the code freeze for the next "
                        + "release is on " + DAY.format(train.freeze()) + ", and the release on " + DAY.format(train.release()) + ". On freeze day, "
                        + (owner == null ? "the release owner" : "@" + owner + " (next in the owners' rotation)") + " comments `/release start"
                        + next.map(v -> " " + v).orElse("") + "` to cut the branch and open the checklist.");
            }
        }
    }

    /** The owner after the last release's in the rotation; the first when the last is not in it; nobody without a rotation. */
    static String nextOwner(ReleaseSettings s, List<Release> newestFirst) {
        if (s.owners().isEmpty()) {
            return null;
        }
        Optional<String> last = newestFirst.stream().map(Release::owner).filter(o -> o != null).findFirst();
        int i = last.map(o -> s.owners().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList().indexOf(o.toLowerCase(Locale.ROOT))).orElse(-1);
        return s.owners().get((i + 1) % s.owners().size());
    }
}
