package dev.releasetrain.release;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Which releases a repository has started and where their checklists are. */
public interface ReleaseRecords {
    /** Stores the release, or updates its issue, owner and state (and its branch, once); the cut and the previous version never change. */
    void save(Release r) throws SQLException;

    Optional<Release> find(String repository, Version version) throws SQLException;

    Optional<Release> byIssue(String repository, long issue) throws SQLException;

    /** Every release of the repository, newest version first. */
    List<Release> all(String repository) throws SQLException;
}
