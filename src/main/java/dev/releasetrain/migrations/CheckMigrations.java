package dev.releasetrain.migrations;

import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.checks.PullRequestChecks;
import dev.releasetrain.config.Glob;
import dev.releasetrain.config.MigrationSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.github.RepoFiles;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The check run {@code release-train/migrations}: the pull request's migration files go to the migration status
 * API when the server has one (see {@link AskMigrationStatusApi}), else to the built-in checker, and the answer
 * becomes the check.
 */
public final class CheckMigrations {
    public static final String CHECK = "release-train/migrations";
    /**
     * The most migration files one pull request's check reads: beyond it the check fails closed without reading any
     * (each file costs a call, and a stranger's pull request can add a thousand).
     */
    static final int MAX_FILES = 100;
    private final MigrationConclusions conclusions;
    private final MigrationHeads heads;
    private final Optional<AskMigrationStatusApi> api;
    private final Clock clock;

    /** @param api the status API's asker when the server names one; without it the built-in checker answers */
    public CheckMigrations(MigrationConclusions conclusions, MigrationHeads heads, Optional<AskMigrationStatusApi> api, Clock clock) {
        this.conclusions = conclusions;
        this.heads = heads;
        this.api = api;
        this.clock = clock;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        List<Subscription<?>> all = new ArrayList<>(List.of(
                PullRequestChecks.onNewCode((e, ctx) -> checkIfOpen(ctx, e.getPullRequest(), false, s -> true)),
                PullRequestChecks.onRerun(CHECK, (e, ctx) -> checkIfOpen(ctx, rerunPullRequest(e, ctx), true, s -> true)),
                // declaring (or undeclaring) the contract stage changes the verdict, open or merged, as a re-run would
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("labeled", "unlabeled"), e -> e.getLabel() != null && !Users.isBot(e.getSender()),
                        (e, ctx) -> checkIfOpen(ctx, e.getPullRequest(), true, s -> s.contractLabel().equals(e.getLabel().getName())))));
        api.ifPresent(a -> all.add(Subscription.own(MigrationPoll.EVENT, Set.of(), MigrationPoll.class, MigrationPoll::read,
                (poll, ctx) -> a.poll(poll, MigrationsGitHub.of(ctx.github())))));
        return new EventHandler("migrations", all);
    }

    /** The pull request a re-run is for; GitHub lists none on the check run of a merged one: the head it was checked at says which. */
    private GHPullRequest rerunPullRequest(GHEventPayload.CheckRun e, EventContext ctx) throws Exception {
        List<GHPullRequest> listed = ctx.pullRequests(1);
        if (!listed.isEmpty()) {
            return listed.get(0);
        }
        Optional<Long> checked = heads.numberAt(ctx.repository(), e.getCheckRun().getHeadSha());
        return checked.isPresent() ? ctx.github().pullRequests().pullRequest(checked.get()) : null;
    }

    /** An open pull request; or a merged one whose check someone re-runs (its verdict still matters to the release). */
    private void checkIfOpen(EventContext ctx, GHPullRequest pr, boolean rerun, Predicate<MigrationSettings> wanted) throws Exception {
        if (pr == null || !(pr.getState() == GHIssueState.OPEN || rerun && pr.isMerged())) {
            return;
        }
        Optional<MigrationSettings> settings = ctx.settingsForCheck(CHECK, pr.getHead().getSha()).map(RepoSettings::migrations)
                .filter(MigrationSettings::enabled).filter(wanted);
        if (settings.isPresent()) {
            check(pr, settings.get(), MigrationsGitHub.of(ctx.github()), ctx.installationId());
        }
    }

    /** Checks the pull request's migrations at its head, or starts asking the status API about them. */
    public void check(GHPullRequest pr, MigrationSettings settings, MigrationsGitHub github, long installation) throws Exception {
        String head = pr.getHead().getSha();
        long number = pr.getNumber();
        List<Glob> globs = settings.globs();
        List<ChangedFile> changed = github.pulls().changedFiles(pr);
        List<ChangedFile> migrations = changed.stream().filter(f -> globs.stream().anyMatch(g -> g.matches(f.path()))).toList();
        heads.record(github.repository(), number, head);
        if (migrations.isEmpty()) {
            conclusions.conclude(github, CheckRunResult.completed(CHECK, head, "success", "No migrations",
                    "This pull request changes no file under `migrations.paths` (" + String.join(", ", settings.paths()) + ")."));
            return;
        }
        if (migrations.size() > MAX_FILES) {
            conclusions.conclude(github, CheckRunResult.completed(CHECK, head, "failure", migrations.size() + " migration files: more than the "
                    + MAX_FILES + " a check reads", "This pull request changes " + migrations.size() + " files under `migrations.paths`; "
                    + "the check reads at most " + MAX_FILES + ", so none was judged and they are not known to be safe. Ship them in "
                    + "smaller pull requests."));
            return;
        }
        List<MigrationFile> files = new ArrayList<>();
        List<Finding> unreadable = new ArrayList<>();
        for (ChangedFile f : migrations) {
            Optional<String> content = Optional.of("");
            String why = "GitHub has no such file at " + head.substring(0, Math.min(7, head.length()));
            if (!f.status().equals("removed")) {
                try {
                    RepoFiles.FileText read = github.contents().readFile(f.path(), head);
                    content = read.text();
                    if (read.tooLarge()) {
                        why = "it is too large to check: " + read.size() / 1024 + " KB, over the 1 MB a check reads";
                    }
                } catch (GitHubApiException refused) {
                    content = Optional.empty();
                    why = refused.getMessage();
                }
            }
            if (content.isEmpty()) { // what cannot be checked is never reported as passing
                unreadable.add(new Finding(f.path(), 1, Finding.FAILURE, f.path() + " could not be read (" + why + "), so it is not known to be safe"));
            } else {
                files.add(new MigrationFile(f.path(), f.status(), content.get()));
            }
        }
        if (!unreadable.isEmpty()) {
            conclusions.publish(github, head, new MigrationVerdict(MigrationVerdict.FAILURE, unreadable.size()
                    + " migration file(s) could not be read", null, unreadable));
            return;
        }
        boolean contract = pr.getLabels().stream().map(GHLabel::getName).anyMatch(settings.contractLabel()::equals);
        if (api.isEmpty()) {
            List<String> others = changed.stream().filter(f -> !migrations.contains(f)).map(ChangedFile::path).toList();
            EarlierMigrations earlier = new EarlierMigrationsOnGitHub(github.contents(), pr.getBase().getRef());
            conclusions.publish(github, head, new BuiltInMigrationChecker(settings.engine(), earlier, settings.contractLabel()).check(files, contract, others));
            return;
        }
        MigrationPoll poll = new MigrationPoll(installation, github.repository(), number, head, clock.millis(), 0, 0,
                settings.timeoutMinutes() * 60_000L, AskMigrationStatusApi.request(github.repository(), number, head, pr.getBase().getRef(), files));
        api.get().start(poll, files.size(), github);
    }
}
