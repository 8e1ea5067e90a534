package dev.releasetrain.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.GitHubRest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a repository's config from its default branch (a pull request's head is never consulted, so a PR cannot
 * loosen its own checks). The answer is cached with GitHub's ETag: while the file is unchanged GitHub answers 304,
 * which costs no rate limit, and nothing is parsed again.
 */
public final class RepoConfigLoader {
    private record Cached(String etag, ConfigResult result) {
    }

    private final RepoConfigParser parser;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public RepoConfigLoader(RepoConfigParser parser) {
        this.parser = parser;
    }

    public ConfigResult load(GitHubRest rest, String repository) throws IOException {
        Cached cached = cache.get(repository);
        // no ref: the contents API reads the default branch
        GitHubRest.Reply reply = rest.call("GET", "/repos/" + repository + "/contents/" + RepoConfigParser.PATH, null,
                cached == null ? Map.of() : Map.of("If-None-Match", cached.etag()));
        if (reply.status() == 304 && cached != null) {
            return cached.result();
        }
        if (reply.status() == 404) {
            cache.remove(repository);
            return new ConfigResult.Valid(parser.defaults(), false);
        }
        if (!reply.ok()) {
            throw new IOException("reading " + RepoConfigParser.PATH + " of " + repository + " answered " + reply.status());
        }
        ConfigResult result = parse(reply.body());
        if (reply.etag() != null) {
            cache.put(repository, new Cached(reply.etag(), result));
        }
        return result;
    }

    private ConfigResult parse(JsonNode file) {
        try {
            if (!"file".equals(file.path("type").asText("file"))) {
                throw new ConfigException("", 0, "is not a file");
            }
            if (file.path("size").asLong(0) > RepoConfigParser.MAX_BYTES) {
                throw new ConfigException("", 0, "the file is larger than " + RepoConfigParser.MAX_BYTES / 1024 + " KB");
            }
            String text;
            try {
                text = new String(Base64.getMimeDecoder().decode(file.path("content").asText("")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("", 0, "GitHub returned content that is not base64");
            }
            return new ConfigResult.Valid(parser.parse(text), true);
        } catch (ConfigException e) {
            return new ConfigResult.Invalid(e);
        }
    }
}
