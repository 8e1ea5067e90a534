package dev.releasetrain.cherrypick;

/** How picking a pull request's commits onto one release branch came out. */
public sealed interface PickResult {
    /**
     * New commits on top of the target; {@code head} is the last. {@code picked} are the originals that changed
     * something; the others' changes were on the target already (an identical change made there by hand, say).
     */
    record Picked(String head, java.util.List<String> picked) implements PickResult {
    }

    /** Every change is on the target already (by git's merge, whatever the commits say): nothing to pick, no empty commit. */
    record AlreadyThere() implements PickResult {
    }

    /** git could not merge {@code commit} onto the target, whose head was {@code onto}; nothing was left behind. */
    record Conflict(String commit, String onto) implements PickResult {
    }

    /** The release branch does not exist. */
    record MissingTarget() implements PickResult {
    }
}
