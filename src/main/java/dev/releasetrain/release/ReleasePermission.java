package dev.releasetrain.release;

import dev.releasetrain.config.ReleaseSettings;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may run a release command: anyone who can read for those that only read; for the rest, write permission and,
 * when {@code release.managers} names people or teams, being one of them.
 */
final class ReleasePermission {
    private ReleasePermission() {
    }

    /** Why {@code actor} may not run the command, or empty when they may. */
    static Optional<String> refusal(ReleaseGitHub github, ReleaseSettings settings, String actor, ReleaseCommands.Verb verb)
            throws IOException {
        if (!verb.writes) {
            return Optional.empty();
        }
        if (!github.people().canWrite(actor)) {
            return Optional.of("@" + actor + ", `/release " + verb.name().toLowerCase(java.util.Locale.ROOT) + "` needs write permission on "
                    + github.repository() + whoElse(settings) + ". Nothing was changed.");
        }
        if (settings.managers().isEmpty() || isManager(github, settings, actor)) {
            return Optional.empty();
        }
        return Optional.of("@" + actor + ", `/release " + verb.name().toLowerCase(java.util.Locale.ROOT) + "` is for the release managers"
                + whoElse(settings) + ". Nothing was changed.");
    }

    /** The sentence naming who may, for a refusal or for help. */
    static String whoElse(ReleaseSettings settings) {
        return settings.managers().isEmpty() ? "" : " (release managers: " + settings.managers().stream()
                .map(m -> "@" + m).collect(Collectors.joining(", ")) + ")";
    }

    private static boolean isManager(ReleaseGitHub github, ReleaseSettings settings, String actor) throws IOException {
        for (String m : settings.managers()) {
            int slash = m.indexOf('/');
            if (slash < 0) {
                if (m.equalsIgnoreCase(actor)) {
                    return true;
                }
                continue;
            }
            if (github.people().activeTeamMember(m.substring(0, slash), m.substring(slash + 1), actor)) {
                return true;
            }
        }
        return false;
    }
}
