package dev.releasetrain.review;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code /emergency <reason>} at the start of a line, outside code blocks and quotes. */
public final class EmergencyCommand {
    private static final Pattern COMMAND = Pattern.compile("^/emergency(?:\\s+(.*))?$");

    private EmergencyCommand() {
    }

    /** The reason given (possibly empty), or empty when the comment holds no such command. */
    public static Optional<String> reason(String body) {
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
            Matcher m = COMMAND.matcher(line);
            if (m.matches()) {
                return Optional.of(m.group(1) == null ? "" : m.group(1).strip());
            }
        }
        return Optional.empty();
    }
}
