package dev.releasetrain.config;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;

/** The {@code release} section, checked beyond what the schema can say (days, time zone, branch prefix, version files). */
public record ReleaseSettings(String branchPrefix, String label, DayOfWeek releaseDay, DayOfWeek freezeDay, ZoneId zone, boolean autoStart,
                              List<String> managers, List<String> owners, List<VersionFileRule> versionFiles, String checklistTemplate,
                              String bumpMessage, String tagMessage) {

    /** The bump commit's first line for a version (the handbook's "chore: Bump version to X.Y.Z" by default). */
    public String bumpMessage(String version) {
        return bumpMessage.replace("{version}", version);
    }

    /** The annotated tag's message for a version ("Version X.Y.Z" by default). */
    public String tagMessage(String version) {
        return tagMessage.replace("{version}", version);
    }

    /**
     * One item of {@code version-files}: the first group of {@code pattern}'s first match is the version, or
     * (when {@code pattern} is null) the version is appended to the JSON list at {@code jsonList}.
     */
    public record VersionFileRule(String path, java.util.regex.Pattern pattern, String jsonList) {
    }
}
