package dev.releasetrain.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.releasetrain.config.ReleaseSettings;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file that carries the version, and how to set it: the first group of a regex's first match is replaced
 * (a {@code VERSION = "1.30.0"} line), or the version is appended to a JSON list (a versions.json history).
 */
public sealed interface VersionFile {
    String path();

    /** The file's new text with the version set, or the reason it cannot be set. Setting a set version changes nothing. */
    Edit apply(String text, Version version);

    record Edit(Optional<String> text, String problem) {
        static Edit ok(String text) {
            return new Edit(Optional.of(text), null);
        }

        static Edit refused(String problem) {
            return new Edit(Optional.empty(), problem);
        }
    }

    record ByPattern(String path, Pattern pattern) implements VersionFile {
        @Override
        public Edit apply(String text, Version version) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return Edit.refused(path + " has no line matching `" + pattern + "`");
            }
            return Edit.ok(text.substring(0, m.start(1)) + version + text.substring(m.end(1)));
        }
    }

    record JsonList(String path, String pointer) implements VersionFile {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Edit apply(String text, Version version) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return Edit.refused(path + " is not valid JSON: " + e.getOriginalMessage());
            }
            JsonNode list = root == null ? null : root.at(pointer);
            if (list == null || !list.isArray()) {
                return Edit.refused(path + " has no list at `" + (pointer.isEmpty() ? "the top" : pointer) + "`");
            }
            for (JsonNode item : list) {
                if (item.isTextual() && Version.parse(item.asText()).filter(version::equals).isPresent()) {
                    return Edit.ok(text); // listed already: a repeat of the bump
                }
            }
            ((ArrayNode) list).add(version.toString());
            try {
                // two-space indent, one item a line, as such files are usually written by hand
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
                return Edit.ok(JSON.writer(printer).writeValueAsString(root) + (text.endsWith("\n") ? "\n" : ""));
            } catch (JsonProcessingException e) {
                return Edit.refused(path + " could not be written back: " + e.getOriginalMessage());
            }
        }
    }

    /** The editor for one item of {@code release.version-files}. */
    static VersionFile of(ReleaseSettings.VersionFileRule rule) {
        return rule.pattern() != null ? new ByPattern(rule.path(), rule.pattern()) : new JsonList(rule.path(), rule.jsonList());
    }
}
