package dev.releasetrain.cherrypick;

import dev.releasetrain.commands.SlashCommandLines;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /cherry-pick release-1.30.0 [more targets]} (alias {@code /backport}), line-anchored, outside code and quotes. */
public final class CherryPickCommand {
    private static final Pattern COMMAND = Pattern.compile("^/(?:cherry-pick|backport)(\\s+.*)?$");
    /** A branch name GitHub accepts and no path trick: no "..", no leading "-", no control or shell characters. */
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

    private CherryPickCommand() {
    }

    /** The targets named (empty list when the command names none), or null when the comment has no such command. */
    public static List<String> targets(String body) {
        return SlashCommandLines.first(body, COMMAND).map(m -> {
            List<String> targets = new ArrayList<>();
            if (m.group(1) != null) {
                targets.addAll(List.of(m.group(1).strip().split("\\s+")));
            }
            return targets;
        }).orElse(null);
    }

    public static boolean validBranch(String name) {
        return BRANCH.matcher(name).matches() && !name.contains("..") && !name.endsWith(".lock") && !name.endsWith("/");
    }
}
