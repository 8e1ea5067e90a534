package dev.releasetrain.github;

import java.io.IOException;
import java.sql.SQLException;

/** The bot's own comments on an issue or pull request, one per purpose, found by a hidden marker and edited in place. */
public interface Comments {
    /** The comment marked {@code marker} now says {@code body} (which must contain the marker). */
    void upsertComment(long issue, String marker, String body) throws IOException, SQLException;

    /** Known without asking that there is no comment marked {@code marker} (the issue or pull request is new). */
    void noCommentYet(long issue, String marker) throws SQLException;

    /** The comment marked {@code marker} is gone, if it was ever there. */
    void removeComment(long issue, String marker) throws IOException, SQLException;
}
