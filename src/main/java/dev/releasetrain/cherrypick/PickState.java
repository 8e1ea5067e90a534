package dev.releasetrain.cherrypick;

import java.util.Locale;

/** Where one pick of a fix into one release branch stands; stored by its lower-case name. */
public enum PickState {
    /** Asked for on an open pull request: picked when it merges. */
    REQUESTED,
    /** The release branch is not cut yet. */
    WAITING,
    /** Its pull request is open: not on the branch until it merges. */
    OPEN,
    /** Its draft pull request holds conflict markers for a person to resolve. */
    CONFLICT,
    /** On the branch: pushed, or its pull request merged. */
    DONE,
    /** On the branch through its draft, whose conflicts a person resolved: that change needs a review of its own. */
    RESOLVED,
    /** Its change was on the branch already. */
    ALREADY,
    /** Nothing could be made; a person picks it by hand. */
    FAILED,
    /** Its pull request was closed without merging. */
    MISSING,
    /** Not done, by rule: the asker may not write, or the release is tagged. */
    REFUSED;

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PickState stored(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The fix is on the release branch. */
    public boolean landed() {
        return this == DONE || this == RESOLVED || this == ALREADY;
    }

    @Override
    public String toString() {
        return stored();
    }
}
