package dev.releasetrain.cherrypick;

import java.sql.SQLException;
import java.util.List;

/** What a release asks of the cherry-pick capability: what was picked into its branch. */
public interface PicksInto {
    /** A pull request's pick into one release branch. */
    record Pick(long number, CherryPickRecords.Row row) {
        private static final java.util.regex.Pattern PULL = java.util.regex.Pattern.compile("/pull/(\\d{1,18})$");

        /** The pick's own pull request, by the link the record keeps; empty when it was pushed or never opened. */
        public java.util.Optional<Long> pullRequest() {
            java.util.regex.Matcher m = row.url() == null ? null : PULL.matcher(row.url());
            return m != null && m.find() ? java.util.Optional.of(Long.parseLong(m.group(1))) : java.util.Optional.empty();
        }
    }

    /** Every pull request's pick into {@code target}, by pull request number: what a release's checklist lists. */
    List<Pick> into(String repo, String target) throws SQLException;
}
