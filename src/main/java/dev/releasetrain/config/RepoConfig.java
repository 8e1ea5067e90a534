package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A repository's effective configuration as a tree: its file merged over the defaults; {@link SettingsReader} types it. */
public final class RepoConfig {
    private final JsonNode root;
    private final Map<String, Integer> lines;

    RepoConfig(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** The line a key (or list item, {@code key[i]}) stands on in the file; 0 when it comes from the defaults. */
    int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    boolean has(String dottedPath) {
        JsonNode n = root;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        return !n.isMissingNode();
    }

    /** The node at a dotted path such as {@code size.comment-from}; every path in the defaults exists. */
    JsonNode node(String dottedPath) {
        if (dottedPath.isEmpty()) {
            return root;
        }
        JsonNode n = root;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no config key " + dottedPath + " (is it in release-train-defaults.yml?)");
        }
        return n;
    }

    String string(String path) {
        return node(path).asText();
    }

    int integer(String path) {
        return node(path).asInt();
    }

    boolean bool(String path) {
        return node(path).asBoolean();
    }

    List<String> strings(String path) {
        List<String> out = new ArrayList<>();
        node(path).forEach(n -> out.add(n.asText()));
        return out;
    }
}
