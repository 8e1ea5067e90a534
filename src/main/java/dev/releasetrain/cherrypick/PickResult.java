package dev.releasetrain.cherrypick;

/** How picking a pull request's commits onto one release branch came out. */
public sealed interface PickResult {
    /** New commits on top of the target; {@code head} is the last. */
    record Picked(String head, int commits) implements PickResult {
    }

    /** Every change is on the target already: nothing to pick, and no empty commit made. */
    record AlreadyThere() implements PickResult {
    }

    /** git could not merge {@code commit} onto the target, whose head was {@code onto}; nothing was left behind. */
    record Conflict(String commit, String onto) implements PickResult {
    }

    /** The release branch does not exist. */
    record MissingTarget() implements PickResult {
    }
}
