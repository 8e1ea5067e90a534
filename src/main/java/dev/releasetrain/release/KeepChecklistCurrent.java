package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.migrations.CheckMigrations;

import java.util.Optional;

/**
 * The checklist stays current between commands: a merge, a pick landing or failing, a label, a review after the
 * fact or a migrations verdict changes what its sections show (changes, cherry-picks, unreviewed merges,
 * migrations), so the release in progress gets a refresh. Events are gathered for {@link #GATHER_MILLIS}: a burst
 * of them is one follow-up (its id is the release and the moment it falls due) and so one edit at most.
 */
public final class KeepChecklistCurrent implements EventHandler {
    public static final String EVENT = "release_train.checklist_refresh";
    static final long GATHER_MILLIS = 10_000;
    private final App.Services services;
    private final ReleaseRecords records;
    private final ChecklistIssue checklist;

    public KeepChecklistCurrent(App.Services services, ChecklistIssue checklist) {
        this.services = services;
        this.records = new ReleaseRecords(services.db());
        this.checklist = checklist;
    }

    @Override
    public String name() {
        return "checklist-refresh";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        JsonNode p = e.payload();
        return switch (e.event()) {
            case EVENT -> true;
            case "pull_request" -> p.path("pull_request").path("merged").asBoolean(false)
                    && ("closed".equals(e.action()) || "labeled".equals(e.action()) || "unlabeled".equals(e.action()));
            case "pull_request_review" -> "submitted".equals(e.action()) && "closed".equals(p.path("pull_request").path("state").asText());
            case "check_run" -> "completed".equals(e.action()) && CheckMigrations.CHECK.equals(p.path("check_run").path("name").asText());
            // a pick pushed by hand, or by the bot in push mode, lands as a push to the release branch
            case "push" -> p.path("ref").asText().startsWith("refs/heads/")
                    && !p.path("ref").asText().equals("refs/heads/" + p.path("repository").path("default_branch").asText());
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        Optional<RepoSettings> settings = ctx.settings();
        if (settings.isEmpty()) {
            return;
        }
        Optional<Release> current = records.all(ctx.repository()).stream().filter(r -> !r.cancelled() && r.issueNumber() != null).findFirst();
        if (current.isEmpty()) {
            return;
        }
        Release release = current.get();
        WebhookEvent e = ctx.event();
        if (e.event().equals(EVENT)) {
            if (e.payload().path("version").asText().equals(release.version().toString())) {
                ReleaseContext steps = new ReleaseContext(services, ctx.github(), settings.get(), records, checklist, null, null);
                checklist.locked(ctx.repository(), release.version(), () -> {
                    Release now = records.find(ctx.repository(), release.version()).orElse(release);
                    steps.refresh(now, steps.facts(now), b -> b);
                    return null;
                });
            }
            return;
        }
        if (e.event().equals("push") && !e.payload().path("ref").asText().equals("refs/heads/" + settings.get().release().branchPrefix()
                + release.version())) {
            return; // a push to another branch changes nothing the checklist shows
        }
        long due = (System.currentTimeMillis() / GATHER_MILLIS + 1) * GATHER_MILLIS;
        String id = "checklist-refresh:" + ctx.repository() + ":" + release.version() + ":" + due;
        services.followUps().schedule(id, EVENT, FollowUps.payload("refresh", e.installationId(), ctx.repository())
                .put("version", release.version().toString()), due);
    }
}
