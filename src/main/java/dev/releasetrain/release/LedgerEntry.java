package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickState;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * One row of a release's ledger (the {@code release_ledger} view): something the release holds or a step it took,
 * where it stands, and what it links to.
 *
 * @param number      (null for the cut and the steps) the pull request the row is about: the one taken at the cut, the fix picked, the fix made on the branch
 * @param pullRequest the row's own pull request: a pick's, the sync's (null when pushed or not opened)
 * @param state       a pick's {@link PickState}; {@code merged} for changes; a step's {@link Step#state()}
 */
public record LedgerEntry(Kind kind, Long number, Long pullRequest, String state, String sha, String url,
                          String detail, String forcedOver, long at) {
    public enum Kind {
        CUT, TAKEN, PICK, FIX, BUMP, TAG, SYNC;

        public String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A step git holds as the bot made or last saw it; a forced one keeps what it overrode. */
    public record Step(Kind kind, String state, String sha, String url, String detail, String forcedOver) {
        public Step {
            if (kind != Kind.BUMP && kind != Kind.TAG && kind != Kind.SYNC) {
                throw new IllegalArgumentException(kind + " is not a step");
            }
        }
    }

    /**
     * Where the row points: its own link (a pick's pull request, the tag's release, the sync pull request), else the
     * pull request it is about, else its commit; empty when it has none.
     */
    public String link(String webUrl, String repository) {
        if (url != null) {
            return url;
        }
        if (number != null) {
            return webUrl + "/" + repository + "/pull/" + number;
        }
        return sha == null ? "" : webUrl + "/" + repository + "/commit/" + sha;
    }

    public PickState pickState() {
        return PickState.stored(state);
    }

    /** A fix the release holds, for its notes: taken at the cut, made on the branch, or a pick that landed. */
    public boolean holdsTheFix() {
        return kind == Kind.TAKEN || kind == Kind.FIX || kind == Kind.PICK && pickState().landed();
    }

    /**
     * The pull requests whose review and migrations the release answers for: each change it holds or is waiting
     * for, and a pick whose conflicts a person resolved, which is their change on the branch.
     */
    public Stream<Long> answersFor() {
        if (kind == Kind.PICK && pickState() == PickState.RESOLVED) {
            return Stream.concat(Stream.of(number), Stream.ofNullable(pullRequest));
        }
        return kind == Kind.TAKEN || kind == Kind.FIX || kind == Kind.PICK ? Stream.of(number) : Stream.empty();
    }
}
