package dev.releasetrain.release;

import java.sql.SQLException;
import java.util.List;

/**
 * A release's ledger: what it took at the cut, its picks, the fixes made on its branch, and its steps. The changes
 * are kept current by the capabilities that record them (merges, picks); the steps are recorded here.
 */
public interface ReleaseLedger {
    /** Every row of the release: the cut, the changes (by pull request), then the steps. */
    List<LedgerEntry> of(String repository, Version version) throws SQLException;

    /**
     * A step made or seen. Seen again, its state, commit and link are updated; its first account (who made it, when)
     * and a forced step's override are kept.
     */
    void record(String repository, Version version, LedgerEntry.Step step) throws SQLException;

    /** A step git no longer holds (a tag deleted, a bump reverted, a sync closed and gone). */
    void forget(String repository, Version version, LedgerEntry.Kind step) throws SQLException;
}
