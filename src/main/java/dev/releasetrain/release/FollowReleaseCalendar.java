package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.App;
import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.delivery.WebhookEvent;
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
public final class FollowReleaseCalendar implements EventHandler {
    public static final String EVENT = "release_train.calendar";
    static final String FREEZE = "freeze";
    static final String REMINDER = "reminder";
    private static final Logger log = LoggerFactory.getLogger(FollowReleaseCalendar.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private final App.Services services;
    private final ReleaseRecords records;
    private final ChecklistIssue checklist;
    /** Follow-ups this run has stored already. */
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Per repository, the freeze this run has scheduled: until it passes, a push costs neither a config read nor a write. */
    private final Map<String, LocalDate> upcoming = new ConcurrentHashMap<>();

    public FollowReleaseCalendar(App.Services services, ChecklistIssue checklist) {
        this.services = services;
        this.records = new ReleaseRecords(services.db());
        this.checklist = checklist;
    }

    @Override
    public String name() {
        return "release-calendar";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        JsonNode p = e.payload();
        return switch (e.event()) {
            case EVENT -> true;
            case "push" -> p.path("ref").asText().equals("refs/heads/" + p.path("repository").path("default_branch").asText());
            case "installation" -> "created".equals(e.action());
            case "installation_repositories" -> "added".equals(e.action());
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        switch (e.event()) {
            case EVENT -> run(ctx);
            case "push" -> scheduleUpcoming(ctx);
            default -> {
                for (JsonNode r : e.payload().path(e.event().equals("installation") ? "repositories" : "repositories_added")) {
                    scheduleUpcoming(ctx.forRepository(r.path("full_name").asText()));
                }
            }
        }
    }

    private Optional<ReleaseContext> context(EventContext ctx) throws java.io.IOException {
        return ctx.settings().map(s -> new ReleaseContext(services, ctx.github(), s, records, checklist, null, null));
    }

    private LocalDate today(ReleaseSettings s) {
        return LocalDate.now(services.clock().withZone(s.zone()));
    }

    /** The first train whose freeze is today or later. */
    private void scheduleUpcoming(EventContext event) throws Exception {
        String repo = event.repository();
        LocalDate known = upcoming.get(repo);
        if (known != null && !LocalDate.now(services.clock()).isAfter(known)) {
            return;
        }
        Optional<ReleaseContext> ctx = context(event);
        if (ctx.isEmpty()) {
            return;
        }
        LocalDate today = today(ctx.get().settings());
        ReleaseCalendar.Train train = ctx.get().calendar().train(YearMonth.from(today));
        if (train.freeze().isBefore(today)) {
            train = ctx.get().calendar().train(train.month().plusMonths(1));
        }
        schedule(event.event().installationId(), repo, ctx.get().settings(), train);
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
        // the store's times are the workers' wall clock; the feature's clock says what day it is (the same one, but in tests)
        long wait = Math.max(0, due - services.clock().millis());
        services.followUps().schedule(id, EVENT, p, System.currentTimeMillis() + wait);
        scheduled.add(id);
    }

    private void run(EventContext event) throws Exception {
        WebhookEvent e = event.event();
        String repo = event.repository();
        Optional<ReleaseContext> found = context(event);
        if (found.isEmpty()) {
            return;
        }
        ReleaseContext ctx = found.get();
        ReleaseSettings s = ctx.settings();
        ReleaseCalendar.Train train = ctx.calendar().train(YearMonth.parse(e.payload().path("month").asText()));
        LocalDate today = today(s);
        List<Release> releases = records.all(repo);
        boolean started = releases.stream().anyMatch(r -> !r.cancelled() && ReleaseFacts.train(s, r.startedAt()).equals(train));
        if (e.action().equals(FREEZE)) {
            if (s.autoStart() && !started && !today.isAfter(train.release())) {
                ReleaseContext.Outcome o = StartRelease.run(ctx, Optional.empty(), nextOwner(s, releases));
                log.info("freeze day for {}: {}", repo, o.message());
            }
            schedule(e.installationId(), repo, s, ctx.calendar().train(train.month().plusMonths(1)));
        } else if (!s.autoStart() && !started && today.isBefore(train.freeze())) {
            Optional<Release> last = releases.stream().filter(r -> r.issueNumber() != null).findFirst();
            if (last.isPresent()) {
                String marker = "<!-- release-train:reminder " + train.month() + " -->";
                Optional<Version> next = StartRelease.nextVersion(ctx.git().tags());
                String owner = nextOwner(s, releases);
                ctx.git().upsertComment(last.get().issueNumber(), marker, marker + "\nReminder: the code freeze for the next "
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
