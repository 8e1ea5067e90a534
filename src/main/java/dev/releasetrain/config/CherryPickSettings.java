package dev.releasetrain.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code cherry-pick} section.
 *
 * @param labelPattern a label it matches asks for a pick; its groups fill {@code $1…} of {@code targetBranch}
 * @param push         true: the release branch itself moves; false: a pull request into it
 * @param autoMerge    the merge method (MERGE, SQUASH, REBASE) GitHub's auto-merge uses on a clean pick's pull request;
 *                     empty: auto-merge is left off
 */
public record CherryPickSettings(boolean enabled, Pattern labelPattern, String targetBranch, boolean push, String failedLabel,
                                 Optional<String> autoMerge) {
}
