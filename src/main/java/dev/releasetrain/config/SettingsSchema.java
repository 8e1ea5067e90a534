package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Schema of {@code .github/release-train.yml}, written from the same definitions the server reads the file
 * by: the defaults (every key, its type and default, its comment as the description) and {@link SettingsReader}'s
 * rules. Editors validate with it ({@code # yaml-language-server: $schema=…}); the repository keeps a copy in
 * {@code schema/release-train.schema.json}, which a test holds equal to this.
 */
public final class SettingsSchema {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][A-Za-z0-9-]*):.*$");

    private SettingsSchema() {
    }

    /** The schema, as pretty-printed JSON with a final newline. */
    public static String json(RepoConfigParser parser) {
        Map<String, String> descriptions = descriptions(parser.defaultsText());
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "Release Train repository config (" + RepoConfigParser.PATH + ")");
        schema.put("description", "Read from the default branch and merged over the defaults; every key is optional. "
                + "Check a file with: java -jar release-train.jar config check FILE");
        schema.setAll(node(parser.defaults().node(""), "", descriptions));
        try {
            return JSON.writeValueAsString(schema) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode node(JsonNode value, String key, Map<String, String> descriptions) {
        ObjectNode s = JSON.createObjectNode();
        if (descriptions.containsKey(key)) {
            s.put("description", descriptions.get(key));
        }
        if (value.isObject()) {
            s.put("type", "object").put("additionalProperties", false);
            ObjectNode props = s.putObject("properties");
            value.properties().forEach(p -> props.set(p.getKey(), node(p.getValue(), key.isEmpty() ? p.getKey() : key + "." + p.getKey(),
                    descriptions)));
            return s;
        }
        if (value.isArray()) {
            s.put("type", "array");
            s.set("default", value);
            if (key.equals("release.version-files")) {
                s.set("items", versionFile());
            } else if (!value.isEmpty() && value.get(0).isObject()) {
                s.set("items", node(value.get(0), key, Map.of()));
            } else {
                s.set("items", rule(JSON.createObjectNode().put("type", "string"), key));
            }
            return s;
        }
        s.set("default", value);
        s.put("type", value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer" : "string");
        return rule(s, key);
    }

    /** The rule of a key, as JSON Schema says it. */
    private static ObjectNode rule(ObjectNode s, String key) {
        Rule r = SettingsReader.RULES.get(key);
        if (r == null) {
            return s;
        }
        if (r.allowed() != null) {
            ArrayNode values = s.putArray("enum");
            r.allowed().forEach(values::add);
            if (r.anyCase()) { // JSON Schema has no case-blind enum: the usual spellings
                r.allowed().forEach(v -> values.add(v.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + v.substring(1)));
            }
        }
        if (r.min() != null) {
            s.put("minimum", r.min()).put("maximum", r.max());
        }
        if (r.pattern() != null) {
            s.put("pattern", "^(?:" + r.pattern() + ")$");
        }
        if (r.maxLength() != null) {
            s.put("maxLength", r.maxLength());
        }
        return s;
    }

    private static ObjectNode versionFile() {
        ObjectNode item = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        item.putArray("required").add("path");
        ObjectNode props = item.putObject("properties");
        props.set("path", rule(JSON.createObjectNode().put("type", "string"), "release.version-files.path"));
        props.putObject("pattern").put("type", "string").put("description", "a regex; its first group is the version");
        props.putObject("json-list").put("type", "string").put("description", "a JSON pointer to a list the version is appended to");
        ArrayNode oneOf = item.putArray("oneOf");
        oneOf.addObject().putArray("required").add("pattern");
        oneOf.addObject().putArray("required").add("json-list");
        return item;
    }

    /** The comment lines above each key of the defaults file, by dotted key. */
    static Map<String, String> descriptions(String defaultsText) {
        Map<String, String> out = new HashMap<>();
        Deque<String[]> path = new ArrayDeque<>(); // {indent, key}
        StringBuilder comment = new StringBuilder();
        boolean header = true;
        for (String line : defaultsText.split("\n")) {
            String t = line.strip();
            if (t.startsWith("#")) {
                comment.append(comment.length() > 0 ? " " : "").append(t.replaceFirst("^#\\s?", ""));
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (t.isEmpty() || !m.matches()) {
                if (header && t.isEmpty()) {
                    header = false; // the file's own opening comment describes no key
                }
                comment.setLength(0);
                continue;
            }
            header = false;
            int indent = m.group(1).length();
            while (!path.isEmpty() && Integer.parseInt(path.peek()[0]) >= indent) {
                path.pop();
            }
            path.push(new String[]{String.valueOf(indent), m.group(2)});
            if (comment.length() > 0) {
                StringBuilder key = new StringBuilder();
                path.descendingIterator().forEachRemaining(p -> key.append(key.length() > 0 ? "." : "").append(p[1]));
                out.put(key.toString(), comment.toString());
            }
            comment.setLength(0);
        }
        return out;
    }
}
