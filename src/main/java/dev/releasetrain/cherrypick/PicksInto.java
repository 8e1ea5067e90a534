package dev.releasetrain.cherrypick;

import java.sql.SQLException;
import java.util.List;

/** What a release asks of the cherry-pick capability: what was picked into its branch. */
public interface PicksInto {
    /** A pull request's pick into one release branch. */
    record Pick(long number, CherryPickRecords.Row row) {
    }

    /** Every pull request's pick into {@code target}, by pull request number: what a release's checklist lists. */
    List<Pick> into(String repo, String target) throws SQLException;
}
