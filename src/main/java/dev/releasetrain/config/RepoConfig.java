package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A repository's effective configuration: its file merged over the defaults, validated. */
public final class RepoConfig {
    private final JsonNode root;

    RepoConfig(JsonNode root) {
        this.root = root;
    }

    /** The node at a dotted path such as {@code size.comment-from}; every path in the defaults exists. */
    public JsonNode node(String dottedPath) {
        JsonNode n = root;
        for (String part : dottedPath.split("\\.")) {
            n = n.path(part);
        }
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no config key " + dottedPath + " (is it in release-train-defaults.yml?)");
        }
        return n;
    }

    public String string(String path) {
        return node(path).asText();
    }

    public int integer(String path) {
        return node(path).asInt();
    }

    public boolean bool(String path) {
        return node(path).asBoolean();
    }

    public List<String> strings(String path) {
        List<String> out = new ArrayList<>();
        node(path).forEach(n -> out.add(n.asText()));
        return out;
    }
}
