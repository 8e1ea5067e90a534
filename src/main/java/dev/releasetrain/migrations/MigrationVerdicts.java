package dev.releasetrain.migrations;

import java.sql.SQLException;
import java.util.Map;

/** What a release and a merge group ask of the migrations capability: whose migrations are not known to be safe. */
public interface MigrationVerdicts {
    /** Pull requests whose latest migration check did not conclude success, with how it stands ("pending" while running). */
    Map<Long, String> notSafe(String repository) throws SQLException;
}
