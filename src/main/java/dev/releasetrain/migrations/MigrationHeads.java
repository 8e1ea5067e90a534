package dev.releasetrain.migrations;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The head each pull request's migration check is for (a push supersedes the wait on the head before) and how
 * that check concluded, which a release reads to know whether its migrations are safe.
 */
public interface MigrationHeads extends MigrationVerdicts {
    /** A new check for this head: its conclusion is not known until it completes. */
    void record(String repository, long number, String head) throws SQLException;

    void conclude(String repository, String head, String conclusion) throws SQLException;

    Optional<String> latest(String repository, long number) throws SQLException;

    /** The pull request whose migrations were last checked at this head. */
    Optional<Long> numberAt(String repository, String head) throws SQLException;
}
