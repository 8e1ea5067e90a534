package dev.releasetrain.review;

import dev.releasetrain.commands.SlashCommandLines;

import java.util.Optional;
import java.util.regex.Pattern;

/** Finds {@code /emergency <reason>} at the start of a line, outside code blocks and quotes. */
public final class EmergencyCommand {
    private static final Pattern COMMAND = Pattern.compile("^/emergency(?:\\s+(.*))?$");

    private EmergencyCommand() {
    }

    /** The reason given (possibly empty), or empty when the comment holds no such command. */
    public static Optional<String> reason(String body) {
        return SlashCommandLines.first(body, COMMAND).map(m -> m.group(1) == null ? "" : m.group(1).strip());
    }
}
