package dev.releasetrain.release;

import dev.releasetrain.config.ReleaseSettings;
import dev.releasetrain.config.RepoSettings;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What every release step works with: the repository, its settings, who asked (null: the calendar), and its dependencies. */
public record ReleaseContext(ReleaseDependencies deps, ReleaseGitHub github, RepoSettings repoSettings, String actor, String knownDefaultBranch) {
    public ReleaseSettings settings() {
        return repoSettings.release();
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public String repo() {
        return github.repository();
    }

    public ReleaseRecords records() {
        return deps.records();
    }

    public ChecklistIssue checklist() {
        return deps.checklist();
    }

    /** The release branch of a version. */
    public String branch(Version v) {
        return settings().branchPrefix() + v;
    }

    public ReleaseCalendar calendar() {
        return ReleaseCalendar.of(settings());
    }

    /** The default branch, from the payload when it said (saving a call), else from GitHub. */
    public String defaultBranch() throws IOException {
        return knownDefaultBranch != null && !knownDefaultBranch.isEmpty() ? knownDefaultBranch : github.history().defaultBranch();
    }

    /** "by @who, when", for evidence lines and records; work the calendar started has no person to name. */
    public String byWhomWhen() {
        return (actor == null ? "on schedule" : "by @" + actor) + ", " + STAMP.format(deps.clock().instant());
    }

    public String commitLink(String sha) {
        return "[`" + sha.substring(0, 7) + "`](" + deps.githubWebUrl() + "/" + repo() + "/commit/" + sha + ")";
    }

    /** A step made or seen goes into the release's ledger. */
    public void record(Release release, LedgerEntry.Kind step, String state, String sha, String url, String detail, String forcedOver)
            throws java.sql.SQLException {
        deps.ledger().record(repo(), release.version(), new LedgerEntry.Step(step, state, sha, url, detail, forcedOver));
    }

    public ReleaseFacts facts(Release release) throws Exception {
        return ReleaseFacts.gather(deps, github, repoSettings, release);
    }

    /** The checklist's sections made current and the given edit applied, in one write. */
    public void refresh(Release release, ReleaseFacts facts, java.util.function.UnaryOperator<String> edit) throws Exception {
        if (release.issueNumber() == null) {
            return;
        }
        var sections = ChecklistSections.render(facts);
        checklist().update(github, release.issueNumber(), body -> {
            String b = edit.apply(body);
            for (var s : sections.entrySet()) {
                b = Checklist.section(b, s.getKey(), s.getValue());
            }
            b = Checklist.section(b, "owner", release.owner() == null ? "nobody yet" : "@" + release.owner());
            if (facts.branchHead().isPresent()) {
                b = Checklist.ensureTicked(b, "cut", "`" + facts.branch() + "` at " + commitLink(release.cutSha()));
            }
            if (facts.changes().isPresent()) {
                b = Checklist.ensureTicked(b, "changes", "listed below, since " + release.previousTag().orElse(""));
            }
            return b;
        });
    }

    /**
     * The steps the ledger holds (bump, tag, an open or merged sync) ticked with their evidence. Never unticked here:
     * a step undone is for {@code /release status} to find in git.
     */
    public String tickRecordedSteps(String body, ReleaseFacts facts) {
        String b = body;
        for (LedgerEntry e : facts.ledger()) {
            String evidence = switch (e.kind()) {
                case BUMP -> e.sha() == null ? "the version files say " + facts.release().version() : commitLink(e.sha());
                case TAG -> e.url() == null ? "tag " + facts.release().version() : "[" + facts.release().version() + "](" + e.url() + ")";
                case SYNC -> "closed".equals(e.state()) ? null : "[#" + e.pullRequest() + "](" + e.url() + ")";
                default -> null;
            };
            if (evidence != null) {
                b = Checklist.ensureTicked(b, e.kind().stored(), evidence + (e.detail() == null ? "" : " " + e.detail()));
            }
        }
        return b;
    }

    /**
     * A forced step recorded in the checklist's overrides, once: a retry after a crash finds the record and does not
     * add a second.
     */
    public void recordOverride(Release release, ReleaseFacts facts, String command, String over) throws Exception {
        String record = "- `" + command + "` " + byWhomWhen() + ", over: " + over;
        refresh(release, facts, b -> {
            String overrides = Checklist.sectionContent(b, "overrides").orElse("");
            return overrides.contains("`" + command + "`") ? b
                    : Checklist.section(b, "overrides", (overrides.isEmpty() ? "### Overrides\n\n" : overrides + "\n") + record);
        });
    }

    /** A step's outcome: done (or nothing left to do), or not done and why, in words for the reply. */
    public record Outcome(boolean ok, String message) {
        public static Outcome done(String message) {
            return new Outcome(true, message);
        }

        public static Outcome refused(String message) {
            return new Outcome(false, message);
        }
    }
}
