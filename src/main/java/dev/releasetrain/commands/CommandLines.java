package dev.releasetrain.commands;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slash commands in comments are whole lines: a command quoted from someone else ({@code >}) or shown in a code
 * block is not given. Returns the first line the pattern matches, stripped.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static Optional<Matcher> first(String body, Pattern command) {
        boolean inFence = false;
        for (String raw : body.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            if (inFence || line.startsWith(">")) {
                continue;
            }
            Matcher m = command.matcher(line);
            if (m.matches()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
