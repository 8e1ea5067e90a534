package dev.releasetrain.cherrypick;

import dev.releasetrain.config.CherryPickSettings;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Which release branch a label asks for, by {@code cherry-pick.label-pattern} and {@code target-branch}. */
public final class PickTargets {
    /** A release branch's version, at its end: release-1.30.0 → 1.30.0. */
    private static final Pattern VERSION_AT_END = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})$");

    private PickTargets() {
    }

    /**
     * The label that names {@code branch}: the branch's own name, the version, or the version with a v, whichever
     * the label pattern maps to that branch; empty when it takes none of them.
     */
    public static Optional<String> labelFor(CherryPickSettings settings, String branch, String version) {
        return Stream.of(branch, version, "v" + version).filter(label -> of(settings, label).equals(Optional.of(branch))).findFirst();
    }

    /** The version a release branch's name ends with, if it ends with one. */
    static Optional<String> versionOf(String branch) {
        Matcher m = VERSION_AT_END.matcher(branch);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** X.Y.(Z+1). */
    static String nextPatch(String version) {
        int dot = version.lastIndexOf('.');
        return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
    }

    /** Whether the version is a patch (X.Y.Z with Z &gt; 0), whose branch is cut from a tag rather than the default branch. */
    static boolean patch(String version) {
        return !version.endsWith(".0");
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
