package dev.releasetrain;

import dev.releasetrain.cherrypick.CherryPickLabelledPullRequest;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.migrations.CheckMergeGroupMigrations;
import dev.releasetrain.migrations.CheckMigrations;
import dev.releasetrain.notes.CollectHighlights;
import dev.releasetrain.release.ChecklistIssue;
import dev.releasetrain.release.FollowReleaseCalendar;
import dev.releasetrain.release.KeepChecklistCurrent;
import dev.releasetrain.release.RunReleaseCommand;
import dev.releasetrain.review.CheckMergeGroupReview;
import dev.releasetrain.review.DeclareEmergency;
import dev.releasetrain.review.EnforceReviewBeforeMerge;
import dev.releasetrain.review.FlagMergedWithoutReview;
import dev.releasetrain.review.ReviewAudit;
import dev.releasetrain.review.ReviewCheck;
import dev.releasetrain.size.LabelPullRequestSize;

import java.util.List;

/** The behaviours the bot runs on each delivery; each capability adds its handlers here. */
public final class Features {
    private Features() {
    }

    public static List<EventHandler> all(App.Services services) {
        ReviewAudit audit = new ReviewAudit(services.db());
        ReviewCheck review = new ReviewCheck(services, audit);
        ChecklistIssue checklist = new ChecklistIssue(services.db());
        return List.of(new EnforceReviewBeforeMerge(review), new DeclareEmergency(review, audit),
                new FlagMergedWithoutReview(audit), new CheckMergeGroupReview(services, audit), new LabelPullRequestSize(services),
                new CheckMigrations(services), new CheckMergeGroupMigrations(services),
                new CherryPickLabelledPullRequest(services), new CollectHighlights(services),
                new RunReleaseCommand(services, checklist), new FollowReleaseCalendar(services, checklist),
                new KeepChecklistCurrent(services, checklist));
    }
}
