package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickTargets;
import dev.releasetrain.config.CherryPickSettings;

import java.io.IOException;
import java.util.Optional;

/**
 * The label an engineer puts on a fix to pick it into a release: {@code /release start} makes it with the branch, so
 * nobody types it by hand and the label list shows which releases are open for picks.
 */
final class ReleaseLabel {
    private ReleaseLabel() {
    }

    static void ensure(ReleaseContext ctx, String branch, Version version) throws IOException {
        CherryPickSettings picks = ctx.repoSettings().cherryPick();
        Optional<String> label = picks.enabled() ? PickTargets.labelFor(picks, branch, version.toString()) : Optional.empty();
        if (label.isPresent()) {
            ctx.github().labels().ensureLabel(label.get(), "1d76db", "Cherry-picks the merged fix into " + branch);
        }
    }
}
