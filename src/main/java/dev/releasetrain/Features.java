package dev.releasetrain;

import dev.releasetrain.checks.CheckMergeGroups;
import dev.releasetrain.checks.CheckRunPublisher;
import dev.releasetrain.cherrypick.CherryPickLabelledPullRequest;
import dev.releasetrain.cherrypick.KeepConflictMarkersOut;
import dev.releasetrain.cherrypick.LandPickPullRequests;
import dev.releasetrain.cherrypick.SettlePicksAtTheCut;
import dev.releasetrain.cherrypick.SqlCherryPickRecords;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.migrations.AskMigrationStatusApi;
import dev.releasetrain.migrations.CheckMergeGroupMigrations;
import dev.releasetrain.migrations.CheckMigrations;
import dev.releasetrain.migrations.MigrationConclusions;
import dev.releasetrain.migrations.HttpMigrationStatusApi;
import dev.releasetrain.migrations.SqlMigrationHeads;
import dev.releasetrain.notes.CollectHighlights;
import dev.releasetrain.notes.SqlReleaseNotesStore;
import dev.releasetrain.release.ChecklistIssue;
import dev.releasetrain.release.FollowReleaseCalendar;
import dev.releasetrain.release.FollowReleaseSteps;
import dev.releasetrain.release.KeepChecklistCurrent;
import dev.releasetrain.release.ReleaseDependencies;
import dev.releasetrain.release.RunReleaseCommand;
import dev.releasetrain.release.SqlReleaseLedger;
import dev.releasetrain.release.SqlReleaseRecords;
import dev.releasetrain.review.DeclareEmergency;
import dev.releasetrain.review.EnforceReviewBeforeMerge;
import dev.releasetrain.review.FlagMergedWithoutReview;
import dev.releasetrain.review.ReviewCheck;
import dev.releasetrain.review.SqlReviewAudit;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.size.LabelPullRequestSize;
import dev.releasetrain.store.Database;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The behaviours the bot runs on each delivery, wired here and nowhere else: each capability is handed what it uses
 * (its stores, the check publisher, follow-ups, a clock, the server settings it needs), never the whole app.
 */
public final class Features {
    private Features() {
    }

    /** What features are built from: the composition root's parts. */
    public record Wiring(ServerSettings settings, Database db, CheckRunPublisher checks, FollowUps followUps, Clock clock) {
    }

    public static List<EventHandler> all(Wiring w) {
        SqlReviewAudit audit = new SqlReviewAudit(w.db());
        SqlMigrationHeads heads = new SqlMigrationHeads(w.db());
        SqlCherryPickRecords picks = new SqlCherryPickRecords(w.db(), w.clock());
        SqlReleaseNotesStore notes = new SqlReleaseNotesStore(w.db());
        ReviewCheck review = new ReviewCheck(w.checks(), audit);
        LabelPullRequestSize size = new LabelPullRequestSize(w.checks());
        MigrationConclusions conclusions = new MigrationConclusions(w.checks(), heads);
        Optional<AskMigrationStatusApi> api = w.settings().migrationStatusApiUrl().map(url -> new AskMigrationStatusApi(
                new HttpMigrationStatusApi(url, w.settings().migrationStatusApiToken()), conclusions, heads, w.followUps(),
                w.settings().retryBaseMillis(), w.clock()));
        ReleaseDependencies release = new ReleaseDependencies(new SqlReleaseRecords(w.db()), new ChecklistIssue(w.db()), notes,
                new SqlReleaseLedger(w.db(), w.clock()), audit,
                heads, w.clock(), w.settings().githubWebUrl().toString(), w.settings().maxAttempts());
        KeepChecklistCurrent checklist = new KeepChecklistCurrent(release, w.followUps());
        return List.of(new EnforceReviewBeforeMerge(review).handler(), new DeclareEmergency(review, audit, w.clock()).handler(),
                new FlagMergedWithoutReview(audit, w.clock()).handler(), size.handler(),
                new CheckMigrations(conclusions, heads, api, w.clock()).handler(),
                new CheckMergeGroups(List.of(review.onMergeGroups(), new CheckMergeGroupMigrations(heads).onMergeGroups(),
                        LabelPullRequestSize.onMergeGroups()), w.checks()).handler(),
                new CherryPickLabelledPullRequest(picks, w.clock()).handler(), new LandPickPullRequests(picks).handler(),
                new SettlePicksAtTheCut(picks).handler(),
                new KeepConflictMarkersOut(w.checks(), picks).handler(), new CollectHighlights(notes, w.clock()).handler(),
                new RunReleaseCommand(release).handler(), new FollowReleaseCalendar(release, w.followUps()).handler(),
                checklist.handler(), new FollowReleaseSteps(release, checklist).handler());
    }
}
