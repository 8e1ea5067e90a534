package dev.releasetrain.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.config.RepoConfig;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code release} section of a repository's config, checked beyond what the schema can say. */
public record ReleaseSettings(String branchPrefix, String label, ReleaseCalendar calendar, ZoneId zone, boolean autoStart,
                              List<String> managers, List<String> owners, List<VersionFile> versionFiles, String checklistTemplate) {

    /** The settings, or an {@link IllegalArgumentException} whose message says which key is wrong and how. */
    public static ReleaseSettings of(RepoConfig config) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.string("release.timezone"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("release.timezone: \"" + config.string("release.timezone")
                    + "\" is not a time zone; use a name such as Europe/Berlin or UTC");
        }
        ReleaseCalendar calendar = new ReleaseCalendar(day(config, "release.schedule.release-day"), day(config, "release.schedule.freeze-day"));
        List<VersionFile> files = new ArrayList<>();
        JsonNode list = config.node("release.version-files");
        for (int i = 0; i < list.size(); i++) {
            files.add(VersionFile.of(list.get(i), "release.version-files[" + i + "]"));
        }
        String prefix = config.string("release.branch-prefix");
        if (!prefix.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,50}") || prefix.contains("..")) {
            throw new IllegalArgumentException("release.branch-prefix: \"" + prefix + "\" cannot start a branch name");
        }
        return new ReleaseSettings(prefix, config.string("release.label"), calendar, zone, config.bool("release.auto-start"),
                logins(config.strings("release.managers")), logins(config.strings("release.owners")), files,
                config.string("release.checklist-template"));
    }

    public String branch(Version v) {
        return branchPrefix + v;
    }

    private static DayOfWeek day(RepoConfig config, String key) {
        try {
            return DayOfWeek.valueOf(config.string(key).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": \"" + config.string(key) + "\" is not a day of the week (monday … sunday)");
        }
    }

    /** "@alice" and "alice" are the same person; teams keep their "org/team" form. */
    private static List<String> logins(List<String> names) {
        return names.stream().map(n -> n.strip().startsWith("@") ? n.strip().substring(1) : n.strip()).filter(n -> !n.isEmpty()).toList();
    }
}
