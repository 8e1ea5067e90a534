package dev.releasetrain.config;

import dev.releasetrain.github.Contents;
import dev.releasetrain.github.RepoFiles;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a repository's config from its default branch (a pull request's head is never consulted, so a PR cannot
 * loosen its own checks). The file is cached by ETag in {@link RepoFiles}: an unchanged file costs a 304, and its
 * parsed settings are kept until the text changes.
 */
public final class RepoConfigLoader {
    private record Parsed(String text, ConfigResult result) {
    }

    private final RepoConfigParser parser;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public RepoConfigLoader(RepoConfigParser parser) {
        this.parser = parser;
    }

    /** @param repository its name: parsed settings are kept per repository while the text is unchanged */
    public ConfigResult load(String repository, Contents contents) throws IOException {
        RepoFiles.FileText file = contents.readFile(RepoConfigParser.PATH, null);
        if (file.text().isEmpty()) {
            return new ConfigResult.Valid(parser.defaultSettings());
        }
        String text = file.text().get();
        Parsed known = parsed.get(repository);
        if (known != null && known.text().equals(text)) {
            return known.result();
        }
        ConfigResult result;
        try {
            if (file.size() > RepoConfigParser.MAX_BYTES) {
                throw new ConfigException("", 0, "the file is larger than " + RepoConfigParser.MAX_BYTES / 1024 + " KB");
            }
            result = new ConfigResult.Valid(parser.settings(text));
        } catch (ConfigException e) {
            result = new ConfigResult.Invalid(e);
        }
        parsed.put(repository, new Parsed(text, result));
        return result;
    }
}
