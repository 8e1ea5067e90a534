package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A repository's effective configuration as a tree: its file merged over the defaults; {@link SettingsReader} types it. */
public final class RepoConfig {
    private final JsonNode root;

    RepoConfig(JsonNode root) {
        this.root = root;
    }

    /** The node at a dotted path such as {@code size.comment-from}; every path in the defaults exists. */
    JsonNode node(String dottedPath) {
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
