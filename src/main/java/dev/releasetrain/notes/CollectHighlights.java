package dev.releasetrain.notes;

import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.Comments;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps the release notes' raw material as webhooks arrive: every merged pull request (with its highlight label
 * and note, updated when the label or the body changes) and the moment each release branch is cut. A merged
 * highlight without a release-note block gets a gentle suggestion.
 */
public final class CollectHighlights {
    static final String MARKER = "<!-- release-train:release-note -->";
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private final ReleaseNotesStore store;
    private final Clock clock;

    public CollectHighlights(ReleaseNotesStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("highlights", List.of(
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed", "labeled", "unlabeled", "edited"), e -> e.getPullRequest().isMerged(),
                        (e, ctx) -> ctx.withSettings(s -> {
                            boolean justHighlighted = e.getAction().equals("closed") || e.getAction().equals("labeled") && e.getLabel() != null
                                    && s.notes().highlightLabel().equals(e.getLabel().getName());
                            merged(ctx.repository(), e.getPullRequest(), ctx.event().payload().path("pull_request").path("author_association")
                                    .asText(null), justHighlighted, s, ctx.github().comments());
                        })),
                Subscription.on(GHEventPayload.Create.class, Set.of(), e -> "branch".equals(e.getRefType()),
                        (e, ctx) -> ctx.withSettings(s -> branchCreated(ctx.repository(), e.getRef(), s)))));
    }

    /** A release branch was created: the release's cut, as far as the notes go. */
    public void branchCreated(String repo, String branch, RepoSettings settings) throws Exception {
        String prefix = settings.release().branchPrefix();
        if (branch.startsWith(prefix) && VERSION.matcher(branch.substring(prefix.length())).matches()) {
            store.cut(repo, branch.substring(prefix.length()), branch, clock.millis());
        }
    }

    /**
     * A merged pull request, recorded (again) as it stands.
     *
     * @param authorAssociation GitHub's word for the author's standing (hub4j's pull request does not carry it)
     * @param justHighlighted   it merged, or the highlight label was added now: the moment to suggest a note
     */
    public void merged(String repo, GHPullRequest pr, String authorAssociation, boolean justHighlighted, RepoSettings settings, Comments comments)
            throws Exception {
        String label = settings.notes().highlightLabel();
        List<String> labels = pr.getLabels().stream().map(GHLabel::getName).toList();
        boolean highlight = labels.contains(label);
        String body = pr.getBody();
        long mergedAt = pr.getMergedAt() != null ? pr.getMergedAt().getTime() : clock.millis();
        store.merged(repo, new MergedPullRequest(pr.getNumber(), pr.getTitle(), pr.getUser().getLogin(), authorAssociation, labels, mergedAt,
                highlight, ReleaseNote.of(body, pr.getTitle()), false), pr.getBase().getRef()); // the base, stored, says where it merged
        if (highlight && justHighlighted && ReleaseNote.block(body).isEmpty()) {
            comments.upsertComment(pr.getNumber(), MARKER, MARKER + "\nThis pull request is a highlight "
                    + "of the release. Its title is used in the release notes; to say it better for users, add to the description:\n\n"
                    + "````\n```release-note\nWhat changed, in a sentence a user understands.\n```\n````");
        }
    }
}
