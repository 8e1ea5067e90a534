package dev.releasetrain.cherrypick;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The branch a pick's pull request comes from, {@code release-train/cherry-pick-<fix>-to-<target>}. */
public record PickBranch(long fix, String target) {
    private static final Pattern NAME = Pattern.compile("release-train/cherry-pick-(\\d{1,18})-to-(.+)");

    public String name() {
        return "release-train/cherry-pick-" + fix + "-to-" + target;
    }

    /** The pick a branch name stands for; empty for any other branch. */
    public static Optional<PickBranch> of(String ref) {
        Matcher m = NAME.matcher(ref);
        return m.matches() ? Optional.of(new PickBranch(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }
}
