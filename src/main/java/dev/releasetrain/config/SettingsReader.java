package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the typed settings out of a merged config tree: the only place that knows the keys' names. */
final class SettingsReader {
    private SettingsReader() {
    }

    static RepoSettings read(RepoConfig c, boolean fromFile) {
        ReviewSettings review = new ReviewSettings(c.bool("review.enabled"), c.integer("review.required-approvals"),
                c.bool("review.dismiss-stale-approvals"), new LinkedHashSet<>(c.strings("review.exempt-authors")),
                c.string("review.emergency-label"), c.string("review.post-merge-review-label"));
        SizeSettings size = new SizeSettings(c.bool("size.enabled"),
                SizeSettings.BUCKETS.stream().map(b -> c.integer("size.thresholds." + b)).toList(), c.strings("size.exclude"),
                c.string("size.comment-from"), c.string("size.fail-from"), c.string("size.skip-label"));
        List<NotesSettings.Category> categories = new ArrayList<>();
        c.node("notes.categories").forEach(n -> {
            List<String> labels = new ArrayList<>();
            n.path("labels").forEach(l -> labels.add(l.asText()));
            categories.add(new NotesSettings.Category(n.path("title").asText(), List.copyOf(labels)));
        });
        NotesSettings notes = new NotesSettings(c.string("highlights.label"), List.copyOf(categories));
        MigrationSettings migrations = new MigrationSettings(c.bool("migrations.enabled"), c.string("migrations.engine"),
                c.strings("migrations.paths"), c.integer("migrations.timeout-minutes"), c.string("migrations.contract-label"));
        return new RepoSettings(fromFile, review, size, notes, migrations, section(() -> cherryPick(c)), section(() -> release(c)));
    }

    private static <T> RepoSettings.Section<T> section(java.util.function.Supplier<T> read) {
        try {
            return new RepoSettings.Section<>(read.get(), null);
        } catch (IllegalArgumentException e) {
            return new RepoSettings.Section<>(null, e.getMessage());
        }
    }

    private static CherryPickSettings cherryPick(RepoConfig c) {
        Pattern labels;
        try {
            labels = Pattern.compile(c.string("cherry-pick.label-pattern"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("cherry-pick.label-pattern is not a valid regex: " + e.getDescription());
        }
        return new CherryPickSettings(c.bool("cherry-pick.enabled"), labels, c.string("cherry-pick.target-branch"),
                "push".equals(c.string("cherry-pick.mode")), c.string("cherry-pick.failed-label"));
    }

    private static ReleaseSettings release(RepoConfig c) {
        ZoneId zone;
        try {
            zone = ZoneId.of(c.string("release.timezone"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("release.timezone: \"" + c.string("release.timezone")
                    + "\" is not a time zone; use a name such as Europe/Berlin or UTC");
        }
        List<ReleaseSettings.VersionFileRule> files = new ArrayList<>();
        JsonNode list = c.node("release.version-files");
        for (int i = 0; i < list.size(); i++) {
            files.add(versionFile(list.get(i), "release.version-files[" + i + "]"));
        }
        String prefix = c.string("release.branch-prefix");
        if (!prefix.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,50}") || prefix.contains("..")) {
            throw new IllegalArgumentException("release.branch-prefix: \"" + prefix + "\" cannot start a branch name");
        }
        return new ReleaseSettings(prefix, c.string("release.label"), day(c, "release.schedule.release-day"),
                day(c, "release.schedule.freeze-day"), zone, c.bool("release.auto-start"), logins(c.strings("release.managers")),
                logins(c.strings("release.owners")), List.copyOf(files), c.string("release.checklist-template"));
    }

    private static DayOfWeek day(RepoConfig c, String key) {
        try {
            return DayOfWeek.valueOf(c.string(key).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": \"" + c.string(key) + "\" is not a day of the week (monday … sunday)");
        }
    }

    /** "@alice" and "alice" are the same person; teams keep their "org/team" form. */
    private static List<String> logins(List<String> names) {
        return names.stream().map(n -> n.strip().startsWith("@") ? n.strip().substring(1) : n.strip()).filter(n -> !n.isEmpty()).toList();
    }

    /** One item of {@code release.version-files}; {@code key} names it in errors. */
    static ReleaseSettings.VersionFileRule versionFile(JsonNode item, String key) {
        if (!item.isObject()) {
            throw new IllegalArgumentException(key + " must be a mapping with path and pattern, or path and json-list");
        }
        item.fieldNames().forEachRemaining(f -> {
            if (!f.equals("path") && !f.equals("pattern") && !f.equals("json-list")) {
                throw new IllegalArgumentException(key + ": unknown key \"" + f + "\" (known here: path, pattern, json-list)");
            }
        });
        String path = item.path("path").asText("");
        if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\") || !item.path("path").isTextual()) {
            throw new IllegalArgumentException(key + ".path must be a file path inside the repository, such as app/version.py");
        }
        if (item.has("pattern") == item.has("json-list")) {
            throw new IllegalArgumentException(key + " needs exactly one of pattern (a regex) or json-list (a JSON pointer)");
        }
        if (item.has("pattern")) {
            try {
                Pattern p = Pattern.compile(item.path("pattern").asText(), Pattern.MULTILINE);
                if (p.matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException(key + ".pattern needs a group around the version, such as 'VERSION = \"([^\"]*)\"'");
                }
                return new ReleaseSettings.VersionFileRule(path, p, null);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(key + ".pattern is not a valid regex: " + e.getDescription());
            }
        }
        String pointer = item.path("json-list").asText();
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException(key + ".json-list must be a JSON pointer such as /versions, or \"\" for a top-level list");
        }
        return new ReleaseSettings.VersionFileRule(path, null, pointer);
    }
}
