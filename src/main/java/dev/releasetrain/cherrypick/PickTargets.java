package dev.releasetrain.cherrypick;

import dev.releasetrain.config.CherryPickSettings;

import java.util.Optional;
import java.util.regex.Matcher;

/** Which release branch a label asks for, by {@code cherry-pick.label-pattern} and {@code target-branch}. */
public final class PickTargets {
    private PickTargets() {
    }

    /** The branch the label names (groups fill {@code $1…}); empty when it is no release label or names no valid branch. */
    public static Optional<String> of(CherryPickSettings settings, String label) {
        Matcher m = settings.labelPattern().matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        String branch = settings.targetBranch();
        for (int g = m.groupCount(); g >= 1; g--) {
            branch = branch.replace("$" + g, m.group(g) == null ? "" : m.group(g));
        }
        return CherryPickCommand.validBranch(branch) ? Optional.of(branch) : Optional.empty();
    }

    /** Labels a pick's pull request inherits: all but the release labels and the failure label. */
    public static boolean carriedOver(CherryPickSettings settings, String label) {
        return !settings.labelPattern().matcher(label).matches() && !label.equals(settings.failedLabel());
    }
}
