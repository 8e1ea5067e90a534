package dev.releasetrain.review;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The record of overrides and of merges without review, which {@code audit} lists and a release reads. */
public interface ReviewAudit extends UnreviewedMerges {
    /** An override with the pull request it was for. */
    record Recorded(String repository, long number, EmergencyOverride override) {
    }

    void recordOverride(String repository, long number, EmergencyOverride o) throws SQLException;

    /**
     * The latest override of a pull request still in force: an emergency holds for the pull request, whatever is
     * pushed after, until the emergency label is removed.
     */
    Optional<EmergencyOverride> override(String repository, long number) throws SQLException;

    /** The pull request's overrides end (the emergency label was removed); declaring one again starts a new one. */
    void endOverrides(String repository, long number, long now) throws SQLException;

    List<Recorded> overrides() throws SQLException;

    /** A merge without a counted approval; a repeat of the same case changes nothing. */
    void openCase(String repository, long number, String mergedSha, String author, long now) throws SQLException;

    void closeCase(String repository, long number, String reviewer, long now) throws SQLException;

    Optional<Case> find(String repository, long number) throws SQLException;

    List<Case> cases() throws SQLException;
}
