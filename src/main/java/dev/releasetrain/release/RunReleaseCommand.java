package dev.releasetrain.release;

import dev.releasetrain.commands.FreshComments;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.RateLimitedException;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHEventPayload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The release owner's commands in issue comments. 👀 on receipt; each command checked against the commenter's
 * permission, then run; one reply (edited in place on a repeat) quotes every command and says what came of it;
 * then 🚀 when all went well, 😕 otherwise. Edited comments and bots' comments are not commands.
 */
public final class RunReleaseCommand {
    /** A comment is a person's say-so, not a script: more lines than this are not run (and the reply stays small). */
    static final int MAX_COMMANDS = 10;
    private final ReleaseDependencies deps;

    public RunReleaseCommand(ReleaseDependencies deps) {
        this.deps = deps;
    }

    /** A comment as a command: where it was made, by whom, and what it says. */
    public record Comment(long issue, String issueBody, long id, String body, String actor, int attempt) {
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("release-command", List.of(Subscription.on(GHEventPayload.IssueComment.class, Set.of("created"), e -> !Users.isBot(e.getSender())
                && FreshComments.fresh(e.getComment(), deps.clock()) && !ReleaseCommands.parse(e.getComment().getBody()).isEmpty(), (e, ctx) -> run(new Comment(e.getIssue().getNumber(),
                e.getIssue().getBody() == null ? "" : e.getIssue().getBody(), e.getComment().getId(), e.getComment().getBody(),
                e.getSender().getLogin(), ctx.event().attempt()), ctx.config(), ReleaseGitHub.of(ctx.github()), e.getRepository().getDefaultBranch()))));
    }

    /**
     * Runs the comment's commands and answers them in one reply.
     *
     * @param defaultBranch the repository's, as the payload said (saving a call), or null
     */
    public void run(Comment comment, ConfigResult config, ReleaseGitHub github, String defaultBranch) throws Exception {
        long issue = comment.issue();
        String actor = comment.actor();
        github.issues().react(comment.id(), "eyes");
        ReleaseCommands.Parsed parsed = ReleaseCommands.parse(comment.body());
        List<String> answers = new ArrayList<>();
        boolean allOk = true;
        ReleaseContext ctx = null;
        String broken = null;
        if (config instanceof ConfigResult.Invalid invalid) {
            broken = "`.github/release-train.yml` on the default branch is invalid, so no release command can run: "
                    + invalid.problem().getMessage();
        } else if (config instanceof ConfigResult.Valid valid) {
            ctx = new ReleaseContext(deps, github, valid.settings(), actor, defaultBranch);
        }
        if (parsed.commands().size() + parsed.problems().size() > MAX_COMMANDS) {
            answers.add("Only the first " + MAX_COMMANDS + " release commands of a comment are read; the rest were ignored.");
            allOk = false;
        }
        for (ReleaseCommands.Problem p : parsed.problems().subList(0, Math.min(parsed.problems().size(), MAX_COMMANDS))) {
            answers.add(quote(p.line()) + "❓ " + p.message());
            allOk = false;
        }
        for (ReleaseCommands.Command c : parsed.commands().subList(0, Math.min(parsed.commands().size(),
                Math.max(0, MAX_COMMANDS - parsed.problems().size())))) {
            ReleaseContext.Outcome outcome;
            if (broken != null) {
                outcome = ReleaseContext.Outcome.refused(broken);
            } else {
                Optional<String> refusal = ReleasePermission.refusal(github, ctx.settings(), actor, c.verb());
                outcome = refusal.isPresent() ? ReleaseContext.Outcome.refused(refusal.get()) : run(ctx, c, comment);
            }
            answers.add(quote(c.line()) + (outcome.ok() ? "✅ " : "❌ ") + outcome.message());
            allOk &= outcome.ok();
        }
        String marker = "<!-- release-train:release-reply " + comment.id() + " -->";
        github.comments().upsertComment(issue, marker, marker + "\n" + String.join("\n\n", answers));
        github.issues().react(comment.id(), allOk ? "rocket" : "confused");
    }

    private ReleaseContext.Outcome run(ReleaseContext ctx, ReleaseCommands.Command c, Comment comment) throws Exception {
        ReleaseRecords records = deps.records();
        ChecklistIssue checklist = deps.checklist();
        long issue = comment.issue();
        try {
            if (c.verb() == ReleaseCommands.Verb.HELP) {
                return ReleaseContext.Outcome.done(help(ctx.settings()));
            }
            if (c.verb() == ReleaseCommands.Verb.START) {
                // in a checklist, a bare start means that release (a repeat finishes it); elsewhere the next minor
                Optional<Version> version = c.version().isPresent() ? c.version()
                        : records.byIssue(ctx.repo(), issue).map(Release::version).or(() -> Checklist.version(comment.issueBody()));
                return StartRelease.run(ctx, version, ctx.actor());
            }
            Optional<Release> target = target(ctx.repo(), issue, comment.issueBody());
            if (target.isEmpty()) {
                return ReleaseContext.Outcome.refused("No release is in progress here: `/release start` begins one.");
            }
            Release release = target.get();
            if (release.cancelled() && c.verb() != ReleaseCommands.Verb.STATUS && c.verb() != ReleaseCommands.Verb.CANCEL) {
                return ReleaseContext.Outcome.refused(release.version() + " was cancelled" + StartRelease.issueRef(release) + "; nothing was changed.");
            }
            return checklist.locked(ctx.repo(), release.version(), () -> {
                // read again under the lock: another command may have changed the owner or state meanwhile
                Release current = records.find(ctx.repo(), release.version()).orElse(release);
                return switch (c.verb()) {
                    case OWNER -> HandOverRelease.run(ctx, current, c.user().orElseThrow());
                    case STATUS -> ReportReleaseStatus.run(ctx, current);
                    case NOTES -> RegenerateNotes.run(ctx, current);
                    case BUMP -> BumpVersion.run(ctx, current);
                    case TAG -> TagRelease.run(ctx, current, c.force());
                    case SYNC -> SyncVersionBump.run(ctx, current, c.force());
                    case CANCEL -> CancelRelease.run(ctx, current);
                    default -> throw new IllegalStateException("unhandled verb " + c.verb());
                };
            });
        } catch (Exception failure) {
            // retried while attempts remain (every step looks before it writes); the last attempt answers instead of vanishing
            if (RateLimitedException.in(failure).isPresent() || comment.attempt() < deps.maxAttempts()) {
                throw failure;
            }
            return ReleaseContext.Outcome.refused("This failed: " + failure.getMessage() + ". Run the command again; it picks up where it stopped.");
        }
    }

    /**
     * The release a command means: the one whose checklist this issue is (by the store, or by the bot's header in
     * the body should the store not know the issue), else the newest release not cancelled.
     */
    private Optional<Release> target(String repo, long issue, String issueBody) throws Exception {
        ReleaseRecords records = deps.records();
        Optional<Release> here = records.byIssue(repo, issue);
        if (here.isPresent()) {
            return here;
        }
        Optional<Version> named = Checklist.version(issueBody);
        if (named.isPresent()) {
            return records.find(repo, named.get());
        }
        return records.all(repo).stream().filter(r -> !r.cancelled()).findFirst();
    }

    static String help(ReleaseSettings settings) {
        String writers = "people with write permission" + ReleasePermission.whoElse(settings);
        return "Release commands, one per line, in any issue (the checklist issue is the usual place):\n\n| command | does | who |\n|---|---|---|\n"
                + Arrays.stream(ReleaseCommands.Verb.values()).map(v -> "| `/release " + v.usage + "` | " + v.does + " | "
                        + (v.writes ? writers : "anyone who can read") + " |").collect(Collectors.joining("\n"));
    }

    private static String quote(String line) {
        return "> " + line + "\n\n";
    }
}
