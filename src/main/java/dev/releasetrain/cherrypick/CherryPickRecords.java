package dev.releasetrain.cherrypick;

import java.sql.SQLException;
import java.util.List;

/** The state of each pull request's cherry-pick to each release branch. */
public interface CherryPickRecords {
    record Row(String target, PickState state, String detail, String url, String requestedBy) {
    }

    void put(String repo, long number, Row row) throws SQLException;

    /** The pull request's picks, by target. */
    List<Row> of(String repo, long number) throws SQLException;

    /** The fixes waiting for {@code target} to be cut, oldest first, at most {@code limit}. */
    List<Long> waitingFor(String repo, String target, int limit) throws SQLException;
}
