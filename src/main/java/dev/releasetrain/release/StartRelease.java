package dev.releasetrain.release;

import dev.releasetrain.github.RepoFiles;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /release start [X.Y.Z]}: the code freeze. Cuts the release branch from the default branch's head (a patch,
 * Z &gt; 0, from the latest tag of its X.Y line), makes the release's pick label and opens the checklist issue. Each part is looked for first, so a repeat (or a retry after a failure) only adds what is
 * missing.
 */
public final class StartRelease {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private StartRelease() {
    }

    /** The release that {@code /release start} without a version means: the next minor after the latest tag. */
    public static Optional<Version> nextVersion(List<String> tags) {
        return Version.latest(tags).map(Version::nextMinor);
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Optional<Version> asked, String owner) throws Exception {
        List<String> tags = ctx.github().git().tags();
        Optional<Version> latest = Version.latest(tags);
        if (asked.isEmpty() && latest.isEmpty()) {
            return ReleaseContext.Outcome.refused("No tag here is a version yet, so there is no next one: name it, as in `/release start 1.0.0`.");
        }
        Version version = asked.orElseGet(() -> latest.get().nextMinor());
        return ctx.checklist().locked(ctx.repo(), version, () -> start(ctx, version, latest, tags, owner));
    }

    private static ReleaseContext.Outcome start(ReleaseContext ctx, Version version, Optional<Version> latest, List<String> tags, String owner)
            throws Exception {
        Optional<Release> known = ctx.records().find(ctx.repo(), version);
        if (known.isPresent() && known.get().cancelled()) {
            return ReleaseContext.Outcome.refused(version + " was cancelled" + issueRef(known.get()) + "; start another version.");
        }
        List<String> line = tags.stream().filter(t -> Version.parse(t).filter(v -> v.major() == version.major()
                && v.minor() == version.minor()).isPresent()).toList();
        Optional<String> patchOf = version.patch() > 0 ? previousTag(line, version) : Optional.empty();
        if (known.isEmpty() && version.patch() > 0) {
            Optional<Version> lineLatest = Version.latest(line);
            if (lineLatest.isEmpty()) {
                return ReleaseContext.Outcome.refused(version + " is a patch of " + version.major() + "." + version.minor()
                        + ", which has no tag to cut it from: tag " + version.major() + "." + version.minor() + ".0 first.");
            }
            if (version.compareTo(lineLatest.get()) <= 0) {
                return ReleaseContext.Outcome.refused(version + " is not greater than " + lineLatest.get()
                        + ", the latest tag of its line: the next patch is " + lineLatest.get().nextPatch() + ".");
            }
        } else if (known.isEmpty() && latest.isPresent() && version.compareTo(latest.get()) <= 0) {
            return ReleaseContext.Outcome.refused(version + " is not greater than the latest tag, " + latest.get()
                    + ": a new release needs a newer version, such as " + latest.get().nextMinor() + ".");
        }
        String branch = ctx.branch(version);
        // a patch ships its line's last tag and the fixes picked onto it, never the default branch's unreleased work
        String source = patchOf.map(t -> "the tag " + t).orElse("`" + ctx.defaultBranch() + "`");
        Optional<String> head = ctx.github().git().ref("heads/" + branch);
        boolean cut = false;
        if (head.isEmpty()) {
            String from = patchOf.isPresent() ? taggedCommit(ctx, patchOf.get())
                    : ctx.github().git().ref("heads/" + ctx.defaultBranch()).orElseThrow(() -> new IllegalStateException("the default branch has no head"));
            cut = ctx.github().git().createRef("refs/heads/" + branch, from);
            head = cut ? Optional.of(from) : ctx.github().git().ref("heads/" + branch);
        }
        ReleaseLabel.ensure(ctx, branch, version);
        long now = ctx.deps().clock().millis();
        Release release = known.orElse(new Release(ctx.repo(), version, null, owner, false, previousTag(tags, version), head.orElseThrow(), now, branch));
        ctx.records().save(release);
        ctx.deps().notes().cut(ctx.repo(), version.toString(), branch, now);
        ReleaseFacts facts = ctx.facts(release);
        boolean opened = false;
        if (release.issueNumber() == null) {
            Optional<Long> found = ctx.checklist().find(ctx.github(), version, ctx.settings().label());
            long number;
            if (found.isPresent()) {
                number = found.get();
            } else {
                number = ctx.checklist().create(ctx.github(), version, Checklist.render(template(ctx), version,
                        variables(release, facts, branch)), ctx.settings().label(), release.owner());
                opened = true;
            }
            release = release.withIssue(number);
            ctx.records().save(release);
        }
        String evidence = "`" + branch + "` at " + ctx.commitLink(release.cutSha()) + " from " + source + ", " + ctx.byWhomWhen();
        ctx.refresh(release, facts, b -> Checklist.ensureTicked(b, "cut", evidence));
        return ReleaseContext.Outcome.done((cut ? "Cut " : "`" + branch + "` was already cut: ") + "`" + branch + "` at "
                + ctx.commitLink(release.cutSha()) + " from " + source + ". " + (opened ? "Opened" : "The checklist is")
                + " #" + release.issueNumber() + (release.owner() == null ? "" : ", owned by @" + release.owner()) + ". Code freeze "
                + DAY.format(facts.train().freeze()) + ", release " + DAY.format(facts.train().release()) + ".");
    }

    private static String taggedCommit(ReleaseContext ctx, String tag) throws Exception {
        String object = ctx.github().git().ref("tags/" + tag).orElseThrow(() -> new IllegalStateException("the tag " + tag + " is gone"));
        return ctx.github().git().taggedCommit(object);
    }

    /** The newest version tag older than the release: what it is compared with. */
    static Optional<String> previousTag(List<String> tags, Version version) {
        return tags.stream().filter(t -> Version.parse(t).filter(v -> v.compareTo(version) < 0).isPresent())
                .max(Comparator.comparing(t -> Version.parse(t).orElseThrow()));
    }

    private static String template(ReleaseContext ctx) throws Exception {
        RepoFiles.FileText own = ctx.github().contents().readFile(ctx.settings().checklistTemplate(), null);
        return own.text().filter(t -> !t.isBlank()).orElseGet(Checklist::builtInTemplate);
    }

    private static Map<String, String> variables(Release r, ReleaseFacts facts, String branch) {
        return Map.of("VERSION", r.version().toString(), "PREVIOUS_VERSION", r.previousTag().orElse("(none)"), "RELEASE_BRANCH", branch,
                "FREEZE_DATE", DAY.format(facts.train().freeze()), "RELEASE_DATE", DAY.format(facts.train().release()),
                "OWNER", r.owner() == null ? "nobody yet" : "@" + r.owner());
    }

    static String issueRef(Release r) {
        return r.issueNumber() == null ? "" : " (#" + r.issueNumber() + ")";
    }
}
