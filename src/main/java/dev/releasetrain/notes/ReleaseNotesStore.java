package dev.releasetrain.notes;

import java.sql.SQLException;

/** Merged pull requests and release cuts, kept from webhooks: what a release's notes are made from. */
public interface ReleaseNotesStore extends ReleaseContents {
    /** A pull request merged (or its labels or note changed since). */
    void merged(String repo, MergedPullRequest pr, String baseRef) throws SQLException;
}
