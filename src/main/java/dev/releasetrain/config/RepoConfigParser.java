package dev.releasetrain.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of {@code .github/release-train.yml} into a {@link RepoConfig}. The defaults file is the schema:
 * every key must exist there with a value of the same kind. Lines are kept so an error can point at one.
 */
public final class RepoConfigParser {
    public static final String PATH = ".github/release-train.yml";
    /** Far above any real config; a larger file is refused before parsing. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YAMLFactory yaml;
    private final String defaultsText;
    private final JsonNode defaults;
    private final RepoSettings defaultSettings;

    public RepoConfigParser() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20); // belt and braces: aliases are refused outright below
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        this.yaml = YAMLFactory.builder().loaderOptions(options).build();
        try (InputStream in = RepoConfigParser.class.getClassLoader().getResourceAsStream("release-train-defaults.yml")) {
            this.defaultsText = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            this.defaults = read(defaultsText, new HashMap<>());
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException("the built-in defaults do not parse", e);
        }
        try {
            this.defaultSettings = SettingsReader.read(defaults(), false);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults break their own rules: " + e.getMessage(), e);
        }
    }

    /** The defaults file as written, with its comments: what {@code config defaults} prints. */
    public String defaultsText() {
        return defaultsText;
    }

    public RepoConfig defaults() {
        return new RepoConfig(defaults, Map.of());
    }

    /** The typed settings of a repository without a config file. */
    public RepoSettings defaultSettings() {
        return defaultSettings;
    }

    /** The typed settings of a config file's text, merged over the defaults. */
    public RepoSettings settings(String text) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        RepoConfig config = merged(text, problems);
        try {
            RepoSettings settings = SettingsReader.read(config, true);
            if (problems.isEmpty()) {
                return settings;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        problems.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
        throw new ConfigException(problems);
    }

    /** Every problem of a config file's text, structural first (a file with those cannot be read further); none when it is usable. */
    public List<ConfigProblem> check(String text) {
        try {
            settings(text);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    public RepoConfig parse(String text) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        RepoConfig config = merged(text, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /**
     * The file laid over the defaults, with what could not be laid (unknown keys, values of the wrong kind) added
     * to {@code problems} and left at its default; a file that cannot be read at all throws.
     */
    private RepoConfig merged(String text, List<ConfigProblem> problems) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException("", 0, "the file is larger than " + MAX_BYTES / 1024 + " KB");
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode user = read(text, lines);
        if (user.isMissingNode() || user.isNull()) {
            return defaults();
        }
        if (!user.isObject()) {
            throw new ConfigException("", lines.getOrDefault("", 1), "the file must be a mapping of keys (like \"size:\"), not a "
                    + kind(user));
        }
        ObjectNode merged = defaults.deepCopy();
        merge(merged, (ObjectNode) user, "", lines, problems);
        return new RepoConfig(merged, lines);
    }

    /** Lays the user's values over the defaults; each unknown key or value of the wrong kind is a problem, and skipped. */
    private void merge(ObjectNode target, ObjectNode user, String prefix, Map<String, Integer> lines, List<ConfigProblem> problems) {
        for (Map.Entry<String, JsonNode> f : user.properties()) {
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            int line = lines.getOrDefault(key, 0);
            JsonNode expected = target.get(f.getKey());
            JsonNode given = f.getValue();
            if (expected == null) {
                problems.add(new ConfigProblem(key, line, "unknown key \"" + key + "\"" + suggestion(target)));
                continue;
            }
            if (expected.isObject() && given.isObject()) {
                merge((ObjectNode) expected, (ObjectNode) given, key, lines, problems);
                continue;
            }
            if (!sameKind(expected, given)) {
                problems.add(new ConfigProblem(key, line, key + " must be " + article(kind(expected)) + ", not " + article(kind(given))));
                continue;
            }
            if (expected.isArray() && !expected.isEmpty() && !checkElements(key, (ArrayNode) expected, (ArrayNode) given, lines, problems)) {
                continue;
            }
            target.set(f.getKey(), given);
        }
    }

    /** List items must look like the default's items (objects with its keys, or values of its kind). */
    /** @return whether every item is usable */
    private boolean checkElements(String key, ArrayNode expected, ArrayNode given, Map<String, Integer> lines, List<ConfigProblem> problems) {
        JsonNode model = expected.get(0);
        int before = problems.size();
        for (int i = 0; i < given.size(); i++) {
            JsonNode item = given.get(i);
            String itemKey = key + "[" + i + "]";
            int line = lines.getOrDefault(itemKey, lines.getOrDefault(key, 0));
            if (!sameKind(model, item)) {
                problems.add(new ConfigProblem(key, line, "each item of " + key + " must be " + article(kind(model)) + ", not " + article(kind(item))));
            } else if (model.isObject()) {
                merge(model.deepCopy(), (ObjectNode) item, itemKey, lines, problems);
            }
        }
        return problems.size() == before;
    }

    private static boolean sameKind(JsonNode a, JsonNode b) {
        if (a.isTextual()) {
            return b.isTextual() || b.isNumber(); // "1.0" written bare is still a fine string
        }
        if (a.isIntegralNumber()) {
            return b.isIntegralNumber();
        }
        return a.getNodeType() == b.getNodeType();
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> n.isIntegralNumber() ? "whole number" : "number";
            case BOOLEAN -> "true/false value";
            case ARRAY -> "list";
            case OBJECT -> "mapping";
            case NULL, MISSING -> "empty value";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private static String suggestion(ObjectNode known) {
        StringBuilder names = new StringBuilder();
        known.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ", ").append(n));
        return " (known here: " + names + ")";
    }

    /** Parses YAML into a tree, noting the line of every key and list item by its dotted path. */
    private JsonNode read(String text, Map<String, Integer> lines) throws ConfigException {
        try (JsonParser p = yaml.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return NODES.missingNode();
            }
            lines.put("", p.currentLocation().getLineNr());
            JsonNode node = value(p, "", lines);
            if (p.nextToken() != null) {
                throw new ConfigException("", p.currentLocation().getLineNr(), "the file holds more than one YAML document");
            }
            return node;
        } catch (ConfigException e) {
            throw e;
        } catch (IOException e) {
            JsonLocation where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getLocation() : null;
            String message = e.getMessage() == null ? "unreadable YAML" : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException("", where == null ? 0 : where.getLineNr(), "not valid YAML: " + message);
        } catch (RuntimeException e) {
            // SnakeYAML signals its limits (aliases, nesting, size) with unchecked exceptions
            throw new ConfigException("", 0, "not valid YAML: " + e.getMessage());
        }
    }

    private JsonNode value(JsonParser p, String path, Map<String, Integer> lines) throws IOException, ConfigException {
        JsonToken t = p.currentToken();
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            // Jackson would hand back the anchor's name as a string; say so rather than read a wrong value
            throw new ConfigException(path, p.currentLocation().getLineNr(),
                    "YAML aliases (*" + p.getText() + ") are not supported here; write the value out");
        }
        switch (t) {
            case START_OBJECT -> {
                ObjectNode obj = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    lines.put(child, p.currentLocation().getLineNr());
                    p.nextToken();
                    obj.set(name, value(p, child, lines));
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    lines.put(child, p.currentLocation().getLineNr());
                    arr.add(value(p, child, lines));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new ConfigException(path, p.currentLocation().getLineNr(), "unexpected YAML content");
        }
    }
}
