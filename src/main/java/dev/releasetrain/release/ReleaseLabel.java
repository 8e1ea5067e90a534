package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickTargets;
import dev.releasetrain.config.CherryPickSettings;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The label an engineer puts on a fix to pick it into a release: {@code /release start} makes it with the branch, so
 * nobody types it by hand and the label list shows which releases are open for picks.
 */
final class ReleaseLabel {
    private ReleaseLabel() {
    }

    /**
     * The label that names {@code branch} under {@code cherry-pick.label-pattern}: the branch's own name, the version,
     * or the version with a v, whichever the pattern maps to that branch; empty when the pattern takes none of them.
     */
    static Optional<String> of(CherryPickSettings settings, String branch, Version version) {
        return Stream.of(branch, version.toString(), "v" + version)
                .filter(label -> PickTargets.of(settings, label).equals(Optional.of(branch))).findFirst();
    }

    static void ensure(ReleaseContext ctx, String branch, Version version) throws IOException {
        CherryPickSettings picks = ctx.repoSettings().cherryPick();
        Optional<String> label = picks.enabled() ? of(picks, branch, version) : Optional.empty();
        if (label.isPresent()) {
            ctx.github().labels().ensureLabel(label.get(), "1d76db", "Cherry-picks the merged fix into " + branch);
        }
    }
}
