package dev.releasetrain.notes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pull request's note for the release: its ```release-note block if it has one, else its title. */
public final class ReleaseNote {
    private static final Pattern BLOCK = Pattern.compile("```release-note[ \\t]*\\R(.*?)\\R?```", Pattern.DOTALL);

    private ReleaseNote() {
    }

    public static Optional<String> block(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = BLOCK.matcher(body);
        return m.find() && !m.group(1).isBlank() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    public static String of(String body, String title) {
        return block(body).orElse(title);
    }
}
