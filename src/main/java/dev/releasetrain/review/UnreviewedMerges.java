package dev.releasetrain.review;

import java.sql.SQLException;
import java.util.List;

/** What a release asks of the review capability: the pull requests merged without review and not reviewed since. */
public interface UnreviewedMerges {
    /** A pull request merged without a counted approval; closed once someone else approves it. */
    record Case(String repository, long number, String mergedSha, String author, long openedAt, Long closedAt, String reviewer) {
        public boolean open() {
            return closedAt == null;
        }
    }

    List<Case> openCases(String repository) throws SQLException;
}
