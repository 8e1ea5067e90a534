package dev.releasetrain.config;

import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.RepoFiles;

import java.io.IOException;

/**
 * Reads a repository's config from its default branch (a pull request's head is never consulted, so a PR cannot
 * loosen its own checks). The file is cached by ETag in {@link RepoFiles}: an unchanged file costs a 304.
 */
public final class RepoConfigLoader {
    private final RepoConfigParser parser;
    private final RepoFiles files;

    public RepoConfigLoader(RepoConfigParser parser, RepoFiles files) {
        this.parser = parser;
        this.files = files;
    }

    public ConfigResult load(GitHubRest rest, String repository) throws IOException {
        RepoFiles.FileText file = files.read(rest, repository, RepoConfigParser.PATH, null);
        if (file.text().isEmpty()) {
            return new ConfigResult.Valid(parser.defaults(), false);
        }
        try {
            if (file.size() > RepoConfigParser.MAX_BYTES) {
                throw new ConfigException("", 0, "the file is larger than " + RepoConfigParser.MAX_BYTES / 1024 + " KB");
            }
            return new ConfigResult.Valid(parser.parse(file.text().get()), true);
        } catch (ConfigException e) {
            return new ConfigResult.Invalid(e);
        }
    }
}
