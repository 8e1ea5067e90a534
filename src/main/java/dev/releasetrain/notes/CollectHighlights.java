package dev.releasetrain.notes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps the release notes' raw material as webhooks arrive: every merged pull request (with its highlight label
 * and note, updated when the label or the body changes) and the moment each release branch is cut. A merged
 * highlight without a release-note block gets a gentle suggestion.
 */
public final class CollectHighlights implements EventHandler {
    static final String MARKER = "<!-- release-train:release-note -->";
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private final ReleaseNotesStore store;

    public CollectHighlights(App.Services services) {
        this.store = new ReleaseNotesStore(services.db());
    }

    @Override
    public String name() {
        return "highlights";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        return switch (e.event()) {
            case "pull_request" -> e.payload().path("pull_request").path("merged").asBoolean(false)
                    && List.of("closed", "labeled", "unlabeled", "edited").contains(e.action());
            case "create" -> "branch".equals(e.payload().path("ref_type").asText());
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        String repo = ctx.repository();
        Optional<RepoSettings> settings = ctx.settings();
        if (settings.isEmpty()) {
            return;
        }
        if (e.event().equals("create")) {
            String prefix = settings.get().release().branchPrefix();
            String ref = e.payload().path("ref").asText();
            if (ref.startsWith(prefix) && VERSION.matcher(ref.substring(prefix.length())).matches()) {
                store.cut(repo, ref.substring(prefix.length()), System.currentTimeMillis());
            }
            return;
        }
        JsonNode pr = e.payload().path("pull_request");
        String label = settings.get().notes().highlightLabel();
        List<String> labels = new ArrayList<>();
        pr.path("labels").forEach(l -> labels.add(l.path("name").asText()));
        boolean highlight = labels.contains(label);
        String body = pr.path("body").isNull() ? null : pr.path("body").asText();
        long mergedAt = pr.hasNonNull("merged_at") ? Instant.parse(pr.path("merged_at").asText()).toEpochMilli() : System.currentTimeMillis();
        store.merged(repo, new MergedPullRequest(pr.path("number").asLong(), pr.path("title").asText(), pr.path("user").path("login").asText(),
                pr.path("author_association").asText(null), labels, mergedAt, highlight, ReleaseNote.of(body, pr.path("title").asText())),
                pr.path("base").path("ref").asText());
        boolean justHighlighted = e.action().equals("closed") || (e.action().equals("labeled")
                && label.equals(e.payload().path("label").path("name").asText()));
        if (highlight && justHighlighted && ReleaseNote.block(body).isEmpty()) {
            ctx.github().upsertComment(pr.path("number").asLong(), MARKER, MARKER + "\nThis pull request is a highlight "
                    + "of the release. Its title is used in the release notes; to say it better for users, add to the description:\n\n"
                    + "````\n```release-note\nWhat changed, in a sentence a user understands.\n```\n````");
        }
    }
}
