package dev.releasetrain.notes;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * What a release asks of the notes capability. A release holds what merged to the default branch after the
 * previous release's cut and before its own, plus what was cherry-picked into its branch.
 */
public interface ReleaseContents {
    /** The release branch of {@code version} was cut {@code at}: what merges later belongs to the next release. */
    void cut(String repo, String version, String branch, long at) throws SQLException;

    /** The recorded merges among {@code numbers}, in the order they merged; numbers never recorded are left out. */
    List<MergedPullRequest> pullRequests(String repo, Collection<Long> numbers) throws SQLException;
}
