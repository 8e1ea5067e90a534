package dev.releasetrain.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slash commands in comments are whole lines: a command quoted from someone else ({@code >}) or shown in a code
 * block is not given. Lines are matched stripped.
 */
public final class SlashCommandLines {
    private SlashCommandLines() {
    }

    public static Optional<Matcher> first(String body, Pattern command) {
        List<Matcher> all = all(body, command);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every line the pattern matches, in order: a comment may give several commands. */
    public static List<Matcher> all(String body, Pattern command) {
        List<Matcher> found = new ArrayList<>();
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
                found.add(m);
            }
        }
        return found;
    }
}
